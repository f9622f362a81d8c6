/**
 * `resolve IMAGE [--config FILE] [--format text|json] [--run-helpers]`: where docker takes the credentials
 * for IMAGE from (the core's resolveImage; with --run-helpers the helper is asked as docker asks it, and
 * only the username it returns is shown). Exit status: 0, or 2 for a usage or I/O error.
 */
import { detectDefaultStore, dockerConfigFile, helperClient, outputLine, resolutionText, resolveImage, resolveImageWithHelper, t } from '../core';
import { CliIO, UsageError, formatOf, helpEntry, parseArgs, rejectUnknown } from './args';
import { readConfigText } from './files';
import { jsonText } from './output';

/** The command's entry in the help text. */
export function resolveUsage(): string {
  return helpEntry('resolve IMAGE', t('Show where docker takes credentials for IMAGE from. With\n--run-helpers, ask the helper as docker would and show the\nusername it returns (never the secret).'));
}

export async function resolveCommand(args: string[], io: CliIO): Promise<number> {
  const p = parseArgs(args, ['--format', '--config']);
  rejectUnknown(p, ['--format', '--config', '--run-helpers']);
  const format = formatOf(p);
  if (p.positional.length !== 1) throw new UsageError(t('resolve takes one IMAGE'));
  const image = p.positional[0];
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
