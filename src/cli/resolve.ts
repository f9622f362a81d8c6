/**
 * `resolve IMAGE [--config FILE] [--format text|json] [--run-helpers]`: where docker takes the credentials
 * for IMAGE from (the core's resolveImage; with --run-helpers the helper is asked as docker asks it, and
 * only the username it returns is shown). Exit status: 0, or 2 for a usage or I/O error.
 */
import * as fs from 'fs';
import * as os from 'os';
import {
  CandidateFile,
  RESOLVE_CLIENTS,
  ResolveClient,
  candidateFromText,
  clientAnswerText,
  detectDefaultStore,
  dockerConfigFile,
  helperClient,
  outputLine,
  resolutionText,
  resolveForClient,
  resolveImage,
  resolveImageWithHelper,
  searchOrder,
  t,
} from '../core';
import { CliIO, UsageError, formatOf, helpEntry, parseArgs, rejectUnknown } from './args';
import { readConfigText } from './files';
import { jsonText } from './output';

/** The command's entry in the help text. */
export function resolveUsage(): string {
  return [
    helpEntry('resolve IMAGE', t('Show where docker takes credentials for IMAGE from. With\n--run-helpers, ask the helper as docker would and show the\nusername it returns (never the secret).')),
    helpEntry('  --client NAME', t('docker, podman, skopeo, buildah or kubelet: where that client\ntakes credentials for IMAGE (its own search order without\n--config; --secret NAME picks a pull secret of a manifest).')),
  ].join('\n');
}

export async function resolveCommand(args: string[], io: CliIO): Promise<number> {
  const p = parseArgs(args, ['--format', '--config', '--client', '--secret']);
  rejectUnknown(p, ['--format', '--config', '--run-helpers', '--client', '--secret']);
  const format = formatOf(p);
  if (p.positional.length !== 1) throw new UsageError(t('resolve takes one IMAGE'));
  const image = p.positional[0];
  if (p.flags.has('--client') || p.flags.has('--secret')) return clientCommand(p.flags, image, format, io);
  const file = (p.flags.get('--config') as string | undefined) ?? dockerConfigFile(io.env);
  const read = readConfigText(file);
  if (!read.ok) {
    io.err(outputLine(`docker-config-guard: ${file}: ${read.error}`));
    return 2;
  }
  const r = p.flags.has('--run-helpers')
    ? await resolveImageWithHelper(read.text, image, helperClient({ env: io.env }), { defaultStore: () => detectDefaultStore(io.env) })
    : resolveImage(read.text, image);
  if (format === 'json') {
    io.out(jsonText(r));
    return 0;
  }
  io.out(resolutionText(r, { image, file }).lines.map(outputLine).join('\n'));
  return 0;
}

/** `resolve IMAGE --client X`: the named file, or the client's own search order. */
function clientCommand(flags: Map<string, string | true>, image: string, format: 'text' | 'json', io: CliIO): number {
  const client = flags.get('--client');
  if (typeof client !== 'string' || !(RESOLVE_CLIENTS as readonly string[]).includes(client)) {
    throw new UsageError(t('--client must be one of {0}', RESOLVE_CLIENTS.join(', ')));
  }
  if (flags.has('--run-helpers')) throw new UsageError(t('--run-helpers cannot be used with --client'));
  const secret = flags.get('--secret') as string | undefined;
  const config = flags.get('--config') as string | undefined;
  const files: CandidateFile[] = [];
  if (config !== undefined) {
    const read = readConfigText(config);
    if (!read.ok) {
      io.err(outputLine(`docker-config-guard: ${config}: ${read.error}`));
      return 2;
    }
    const c = candidateFromText(config, read.text, secret);
    if ('usage' in c) throw new UsageError(c.usage);
    files.push(c);
  } else {
    if (client === 'kubelet') throw new UsageError(t('--client kubelet needs --config (a manifest holding a pull secret, or its config)'));
    if (secret !== undefined) throw new UsageError(t('--secret needs a YAML manifest holding pull secrets'));
    for (const s of searchOrder(client as ResolveClient, io.env, io.env.HOME || os.homedir())) files.push(readCandidate(s.file, s.legacy));
  }
  const answer = resolveForClient(client as ResolveClient, image, files);
  if (format === 'json') io.out(jsonText(answer));
  else io.out(clientAnswerText(answer).map(outputLine).join('\n'));
  return 0;
}

/** One file of a search order: missing, unreadable (the reason), or its text. */
function readCandidate(file: string, legacy: boolean): CandidateFile {
  if (!fs.existsSync(file)) return { file, missing: true };
  const read = readConfigText(file);
  return read.ok ? { file, text: read.text, legacy } : { file, readError: read.error };
}
