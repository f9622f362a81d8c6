/**
 * `verify [REGISTRY...] [--config FILE] [--ca-file FILE] [--insecure] [--format text|json]`: test the
 * login docker would use against each registry (all of the config's registries when none is named).
 * Exit status: 0 all ok, 1 any not ok, 2 usage or I/O error.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectDefaultStore, dockerConfigFile, helperClient, outputLine, registriesOf, registryName, t, verifyRegistries } from '../core';
import { CliIO, UsageError, formatOf, helpEntry, parseArgs, rejectUnknown } from './args';
import { readConfigText } from './files';
import { jsonText } from './output';

export function verifyUsage(): string {
  return helpEntry(
    'verify [REGISTRY...]',
    t('Test the login docker would use against each registry (all the\nconfig names when none is given): GET /v2/, then Basic or Bearer\nas docker login does. Sends credentials only when run. --ca-file\nFILE adds a CA; --insecure allows plain HTTP. Exit status: 0 all\nok, 1 some not ok, 2 usage or I/O error.'),
  );
}

export async function verifyCommand(args: string[], io: CliIO): Promise<number> {
  const p = parseArgs(args, ['--format', '--config', '--ca-file', '--timeout']);
  rejectUnknown(p, ['--format', '--config', '--ca-file', '--insecure', '--timeout']);
  const format = formatOf(p);
  const timeout = p.flags.get('--timeout');
  const timeoutMs = timeout === undefined ? undefined : Number(timeout) * 1000;
  if (timeoutMs !== undefined && !(timeoutMs > 0)) throw new UsageError(t('--timeout must be a number of seconds'));
  const file = (p.flags.get('--config') as string | undefined) ?? dockerConfigFile(io.env);
  const read = readConfigText(file);
  if (!read.ok) {
    io.err(outputLine(`docker-config-guard: ${file}: ${read.error}`));
    return 2;
  }
  const caFile = p.flags.get('--ca-file') as string | undefined;
  if (caFile !== undefined) {
    try {
      fs.accessSync(caFile, fs.constants.R_OK);
    } catch {
      io.err(outputLine(`docker-config-guard: ${caFile}: ${t('cannot read the CA file')}`));
      return 2;
    }
  }
  const registries = p.positional.length ? p.positional.map(registryName) : registriesOf(read.text);
  if (registries.some((r) => r === '')) throw new UsageError(t('not a registry: {0}', p.positional.join(' ')));
  const results = await verifyRegistries(registries, {
    text: read.text,
    configDir: path.dirname(path.resolve(file)),
    client: helperClient({ env: io.env }),
    resolve: { defaultStore: () => detectDefaultStore(io.env) },
    caFiles: caFile ? [caFile] : [],
    insecure: p.flags.has('--insecure'),
    timeoutMs,
    env: io.env,
    signal: io.signal,
  });
  if (format === 'json') io.out(jsonText(results, 2));
  else if (results.length === 0) io.out(t('{0} names no registry', file));
  else for (const r of results) io.out(outputLine(`${r.registry}: ${r.status}${r.username ? ` (${r.username}, ${r.auth ?? '-'}, ${r.source})` : ` (${r.source})`}: ${r.detail}`));
  return results.every((r) => r.status === 'ok') ? 0 : 1;
}
