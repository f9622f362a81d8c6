/**
 * docker-config-guard: the command line. Same core as the extension.
 *   check [PATH|GLOB...] [--format text|json|sarif] [--min-severity info|warning|error]
 *   resolve IMAGE [--config FILE] [--format text|json] [--run-helpers]
 *   move-secrets [--config FILE] [--helper NAME] [--also-cred-helpers] [--yes]
 * Exit codes: 0 nothing found, 1 findings (warning or error), 2 usage or I/O error.
 */
import { detectDefaultStore, dockerConfigFile, helperClient, resolveImage, resolveImageWithHelper, RULES } from './core';
import { CliIO, UsageError, formatOf, parseArgs, rejectUnknown } from './cli/args';
import { CHECK_USAGE, checkCommand } from './cli/check';
import { readConfigText } from './cli/files';
import { moveSecretsCommand } from './cli/move';
import { LANGUAGES, languageFromEnv, useLanguage } from './cli/locale';

declare const PACKAGE_VERSION: string;

export type { CliIO } from './cli/args';

const HELP = `Usage: docker-config-guard <command> [options]

Commands:
${CHECK_USAGE}
  resolve IMAGE       Show where docker takes credentials for IMAGE from. With
                      --run-helpers, ask the helper as docker would and show the
                      username it returns (never the secret).
  move-secrets        Move the plaintext secrets of the config file into a credential
                      helper (credHelpers[host], else credsStore, else --helper NAME,
                      which becomes credsStore). --also-cred-helpers also writes
                      credHelpers[host] (podman and skopeo ignore credsStore). Asks
                      first on a terminal; elsewhere needs --yes. Exit status: 0 all
                      moved, 1 some not moved, 2 usage or I/O error.
  rules               List the rules.

Options:
  --format text|json  Output format (default: text; check also takes sarif).
  --config FILE       The config file for resolve and move-secrets.
  --lang en|zh-cn     Language of the messages (default: from LC_ALL, LC_MESSAGES, LANG).
  -h, --help          Show this help.
  -v, --version       Show the version.

Exit status: 0 no problems, 1 problems found, 2 usage or I/O error.`;

async function resolve(args: string[], io: CliIO): Promise<number> {
  const p = parseArgs(args, ['--format', '--config']);
  rejectUnknown(p, ['--format', '--config', '--run-helpers']);
  const format = formatOf(p);
  if (p.positional.length !== 1) throw new UsageError('resolve takes one IMAGE');
  const file = (p.flags.get('--config') as string | undefined) ?? dockerConfigFile(io.env);
  const read = readConfigText(file);
  if (!read.ok) {
    io.err(`docker-config-guard: ${file}: ${read.error}`);
    return 2;
  }
  const r = p.flags.has('--run-helpers')
    ? await resolveImageWithHelper(read.text, p.positional[0], helperClient({ env: io.env }), { defaultStore: () => detectDefaultStore(io.env) })
    : resolveImage(read.text, p.positional[0]);
  if (format === 'json') {
    io.out(JSON.stringify(r));
    return 0;
  }
  const plain = r.source === 'auths' ? `auths entry "${r.entry}" in ${file}` : r.entry ? `nothing: auths entry "${r.entry}" holds no credentials` : 'nothing: docker pulls anonymously';
  const where =
    r.helperAnswer === 'failed'
      ? `${plain} (docker-credential-${r.helper} failed: docker pull and push fall back to this; docker create fails)`
      : r.source === 'credHelpers' || r.source === 'credsStore'
        ? `${r.source} helper "${r.helper}" (docker-credential-${r.helper})`
        : plain;
  io.out(`registry: ${r.registry}\nkey:      ${r.key}\nsource:   ${where}${r.username ? `\nusername: ${r.username}` : ''}`);
  if (r.helperAnswer === 'not-found') io.out(`helper:   no credentials for ${r.key}: docker sends empty credentials (no fallback to auths); the registry answers "no basic auth credentials"`);
  if (r.helperError) io.out(`helper:   ${r.helperError}`);
  if (r.candidates) io.out(`note:     ${r.candidates.length} keys match and none exactly; docker picks one at random: ${r.candidates.join(', ')}`);
  return 0;
}

/** Takes --lang out of the arguments and switches the message catalogue. */
function chooseLanguage(argv: string[], env: NodeJS.ProcessEnv): string[] {
  let lang = languageFromEnv(env);
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--lang' || a.startsWith('--lang=')) {
      const value = a === '--lang' ? argv[++i] : a.slice('--lang='.length);
      if (!value || !LANGUAGES.includes(value.toLowerCase())) throw new UsageError(`--lang must be one of ${LANGUAGES.join(', ')}`);
      lang = value.toLowerCase();
    } else rest.push(a);
  }
  useLanguage(lang);
  return rest;
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  try {
    const [command, ...rest] = chooseLanguage(argv, io.env);
    if (!command || command === '-h' || command === '--help' || command === 'help') {
      io.out(HELP);
      return command ? 0 : 2;
    }
    if (command === '-v' || command === '--version') {
      io.out(typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : 'dev');
      return 0;
    }
    if (rest.includes('-h') || rest.includes('--help')) {
      io.out(HELP);
      return 0;
    }
    switch (command) {
      case 'check':
        return checkCommand(rest, io);
      case 'resolve':
        return await resolve(rest, io);
      case 'move-secrets':
        return await moveSecretsCommand(rest, io);
      case 'rules':
        for (const r of RULES) io.out(`${r.id.padEnd(22)} ${r.title}`);
        return 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`docker-config-guard: ${e.message}\nRun "docker-config-guard --help" for usage.`);
      return 2;
    }
    io.err(`docker-config-guard: internal error: ${(e as Error)?.message ?? String(e)}`);
    return 2;
  }
}

if (require.main === module) {
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  const tty = !!process.stdin.isTTY && !!process.stdout.isTTY;
  void main(process.argv.slice(2), {
    out: (s) => process.stdout.write(s + '\n'),
    err: (s) => process.stderr.write(s + '\n'),
    env: process.env,
    isTTY: tty,
    ask: async (question) => {
      const rl = (await import('node:readline/promises')).createInterface({ input: process.stdin, output: process.stdout });
      try {
        return await rl.question(question);
      } finally {
        rl.close();
      }
    },
    signal: abort.signal,
  }).then((code) => (process.exitCode = code));
}
