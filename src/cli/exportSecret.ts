/**
 * `export-pull-secret REGISTRY... [--name NAME] [--namespace NS] [--config FILE] [--output FILE] [--yes]`:
 * the credentials docker would send for those registries (helper `get`, else the file) as a
 * kubernetes.io/dockerconfigjson Secret. To a file: 0600, atomically. To a terminal: only after a yes.
 * Exit status: 0 written, 1 some registry has no usable credentials (nothing written), 2 usage or I/O error.
 */
import { detectDefaultStore, dockerConfigFile, exportPullSecret, helperClient, outputLine, t, validObjectName, writePrivateFile } from '../core';
import { CliIO, UsageError, helpEntry, parseArgs, rejectUnknown } from './args';
import { describeFsError, readConfigText } from './files';

export function exportSecretUsage(): string {
  return helpEntry(
    'export-pull-secret REGISTRY...',
    t('Write the credentials docker would use for the registries (from\nthe helper when there is one) as a Kubernetes image pull secret\n(kubernetes.io/dockerconfigjson). --name NAME (default regcred),\n--namespace NS, --output FILE (written 0600). Asks before\nprinting a secret to a terminal; --yes skips the question.'),
  );
}

export async function exportSecretCommand(args: string[], raw: CliIO): Promise<number> {
  const io: CliIO = { ...raw, err: (s) => raw.err(outputLine(s)) };
  const p = parseArgs(args, ['--name', '--namespace', '--config', '--output']);
  rejectUnknown(p, ['--name', '--namespace', '--config', '--output', '--yes']);
  if (p.positional.length === 0) throw new UsageError(t('export-pull-secret takes one or more REGISTRY'));
  const name = (p.flags.get('--name') as string | undefined) ?? 'regcred';
  const namespace = p.flags.get('--namespace') as string | undefined;
  if (!validObjectName(name)) throw new UsageError(t('--name: "{0}" is not a valid Kubernetes name (lower case letters, digits, "-" and ".")', name));
  if (namespace !== undefined && !validObjectName(namespace, true)) throw new UsageError(t('--namespace: "{0}" is not a valid Kubernetes namespace (lower case letters, digits and "-")', namespace));
  const output = p.flags.get('--output') as string | undefined;
  const file = (p.flags.get('--config') as string | undefined) ?? dockerConfigFile(io.env);
  const read = readConfigText(file);
  // No config file at all: docker still asks its platform default helper.
  const text = read.ok ? read.text : read.error === t('no such file') ? '{}' : undefined;
  if (text === undefined) {
    io.err(`docker-config-guard: ${file}: ${read.ok ? '' : read.error}`);
    return 2;
  }
  const result = await exportPullSecret(text, p.positional, helperClient({ env: io.env }), { name, namespace, defaultStore: () => detectDefaultStore(io.env) });
  for (const problem of result.problems) io.err(`docker-config-guard: ${problem.registry}: ${problem.reason}`);
  if (!result.yaml) return 1;
  for (const r of result.registries) {
    const from = r.helper ? t('from the credential helper {0}', r.helper) : t('from the config file');
    io.err(t('{0}: user "{1}", {2}', r.key, r.username, from));
  }
  for (const w of result.warnings) io.err(t('warning: {0}', w));
  if (output) {
    try {
      await writePrivateFile(output, result.yaml);
    } catch (e) {
      io.err(`docker-config-guard: ${output}: ${describeFsError(e)}`);
      return 2;
    }
    io.err(t('Wrote the Secret "{0}" to {1} (mode 0600). Apply it with: kubectl apply -f {1}', name, output));
    return 0;
  }
  if (io.isTTY && !p.flags.has('--yes')) {
    const answer = io.ask ? await io.ask(t('Print the secret to the terminal? [y/N] ')) : '';
    if (!/^y(es)?$/i.test(answer.trim())) {
      io.err(t('Nothing printed. Use --output FILE, or pipe the output (kubectl apply -f -).'));
      return 1;
    }
  }
  // The YAML is ours: a validated name and namespace and base64; nothing from the file unescaped.
  for (const line of result.yaml.trimEnd().split('\n')) raw.out(line);
  return 0;
}
