/**
 * docker-config-guard: the command line. Same core as the extension.
 *   check [PATH|GLOB...] [--format text|json|sarif] [--min-severity info|warning|error] [--live]
 *   resolve IMAGE [--config FILE] [--format text|json] [--run-helpers]
 *   verify [REGISTRY...] [--config FILE] [--ca-file FILE] [--insecure] [--format text|json]
 *   move-secrets [--config FILE] [--helper NAME] [--also-cred-helpers] [--yes]
 *   images [PATH...] [--config FILE] [--format text|json]
 *   export-pull-secret REGISTRY... [--name NAME] [--namespace NS] [--config FILE] [--output FILE] [--yes]
 * Exit codes: 0 nothing found, 1 findings (warning or error), 2 usage or I/O error.
 */
import type * as Tty from 'tty';
import { outputLine, RULES, t } from './core';
import { CliIO, UsageError, describeError, helpEntry } from './cli/args';
import { checkCommand, checkUsage } from './cli/check';
import { moveSecretsCommand } from './cli/move';
import { exportSecretCommand, exportSecretUsage } from './cli/exportSecret';
import { imagesCommand, imagesUsage } from './cli/images';
import { resolveCommand, resolveUsage } from './cli/resolve';
import { verifyCommand, verifyUsage } from './cli/verify';
import { LANGUAGES, languageFromEnv, useLanguage } from './cli/locale';

declare const PACKAGE_VERSION: string;

export type { CliIO } from './cli/args';

/** The help text, in the current language; command and option names are never translated. */
function help(): string {
  return [
    t('Usage: docker-config-guard <command> [options]'),
    '',
    t('Commands:'),
    checkUsage(),
    resolveUsage(),
    verifyUsage(),
    helpEntry(
      'move-secrets',
      t(
        'Move the plaintext secrets of the config file into a credential\nhelper (credHelpers[host], else credsStore, else --helper NAME,\nwhich becomes credsStore). --also-cred-helpers also writes\ncredHelpers[host] (podman and skopeo ignore credsStore). Asks\nfirst on a terminal; elsewhere needs --yes. A secret leaves the\nfile only when the helper gives it back byte for byte. Exit\nstatus: 0 all moved, 1 some not moved (or the file changed on\ndisk meanwhile, or a hard link keeps the old plaintext), 2 usage\nor I/O error.',
      ),
    ),
    exportSecretUsage(),
    imagesUsage(),
    helpEntry('rules', t('List the rules.')),
    '',
    t('Options:'),
    helpEntry('--format text|json', t('Output format (default: text; check also takes sarif).')),
    helpEntry('--config FILE', t('The config file for resolve and move-secrets.')),
    helpEntry('--lang en|zh-cn', t('Language of the messages (default: from LC_ALL, LC_MESSAGES, LANG).')),
    helpEntry('-h, --help', t('Show this help.')),
    helpEntry('-v, --version', t('Show the version.')),
    '',
    t('Exit status: 0 no problems, 1 problems found, 2 usage or I/O error.'),
  ].join('\n');
}

/** Takes --lang out of the arguments and switches the message catalogue (a bad --lang: the environment's). */
function chooseLanguage(argv: string[], env: NodeJS.ProcessEnv): string[] {
  let lang = languageFromEnv(env);
  let bad: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--lang' || a.startsWith('--lang=')) {
      const value = a === '--lang' ? argv[++i] : a.slice('--lang='.length);
      if (!value || !LANGUAGES.includes(value.toLowerCase())) bad ??= value ?? '';
      else lang = value.toLowerCase();
    } else rest.push(a);
  }
  useLanguage(lang);
  if (bad !== undefined) throw new UsageError(t('--lang must be one of {0}', LANGUAGES.join(', ')));
  return rest;
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  try {
    const [command, ...rest] = chooseLanguage(argv, io.env);
    if (!command || command === '-h' || command === '--help' || command === 'help') {
      io.out(help());
      return command ? 0 : 2;
    }
    if (command === '-v' || command === '--version') {
      io.out(typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : 'dev');
      return 0;
    }
    if (rest.includes('-h') || rest.includes('--help')) {
      io.out(help());
      return 0;
    }
    switch (command) {
      case 'check':
        return await checkCommand(rest, io);
      case 'resolve':
        return await resolveCommand(rest, io);
      case 'verify':
        return await verifyCommand(rest, io);
      case 'move-secrets':
        return await moveSecretsCommand(rest, io);
      case 'images':
        return await imagesCommand(rest, io);
      case 'export-pull-secret':
        return await exportSecretCommand(rest, io);
      case 'rules':
        for (const r of RULES) io.out(`${r.id.padEnd(22)} ${r.title}`);
        return 0;
      default:
        throw new UsageError(t('unknown command "{0}"', command));
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${outputLine(`docker-config-guard: ${e.message}`)}\n${t('Run "docker-config-guard --help" for usage.')}`);
      return 2;
    }
    io.err(outputLine(`docker-config-guard: ${t('internal error: {0}', describeError(e))}`));
    return 2;
  }
}

if (require.main === module) {
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  // stdout failed (the reader went away, `| head`: EPIPE; a full disk): stop at once, exit status 2 (I/O error)
  process.stdout.on('error', () => process.exit(2));
  void main(process.argv.slice(2), {
    out: (s) => process.stdout.write(s + '\n'),
    // a turn of the event loop after each piece: a failed write (EPIPE) is reported before the next one
    drained: () => new Promise((resolve) => (process.stdout.writableNeedDrain ? process.stdout.once('drain', resolve) : setImmediate(resolve))),
    err: (s) => process.stderr.write(s + '\n'),
    env: process.env,
    // Looked up when a command asks (move-secrets, export-pull-secret): creating the stdin stream or loading tty (and
    // net with it) would cost every other command part of its start (the single-file ratio of `npm run bench`).
    get isTTY() {
      const { isatty } = require('tty') as typeof Tty;
      return isatty(0) && isatty(1);
    },
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
