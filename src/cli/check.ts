/**
 * `check [PATH|GLOB...] [--format text|json|sarif] [--min-severity info|warning|error]`: Docker
 * configs, Podman auth files and Kubernetes pull secrets in files, directories and globs.
 * Exit status: 2 usage or I/O error; else 1 when a reported finding is a warning or an error; else 0.
 * Findings below --min-severity are neither reported nor counted.
 */
import { analyze, analyzeManifest, ConfigKind, dockerConfigFile, Finding, isHelperOnPath, LineIndex, mayHoldPullSecret, profileOfKind, Severity, t } from '../core';
import { CliIO, Parsed, UsageError, helpEntry, parseArgs, rejectUnknown } from './args';
import { Candidate, discover } from './discover';
import { readConfigText } from './files';
import { ReportedFile, toSarif } from './sarif';

declare const PACKAGE_VERSION: string;

const FORMATS = ['text', 'json', 'sarif'] as const;
const SEVERITIES: readonly Severity[] = ['info', 'warning', 'error'];

function option<T extends string>(p: Parsed, name: string, allowed: readonly T[], fallback: T): T {
  const value = p.flags.get(name) ?? fallback;
  if (!allowed.includes(value as T)) throw new UsageError(t('{0} must be {1}, not {2}', name, allowed.join(', '), String(value)));
  return value as T;
}

function findingsOf(file: Candidate, text: string, mode: number | undefined, env: NodeJS.ProcessEnv): Finding[] | undefined {
  if (file.kind === 'manifest') return mayHoldPullSecret(text) || file.named ? analyzeManifest(text).findings : undefined;
  if (file.kind === 'containers') return analyze(text, { profile: profileOfKind(file.kind), fileMode: mode }).findings;
  return analyze(text, { helperOnPath: (name) => isHelperOnPath(name, env), fileMode: mode }).findings;
}

export function checkCommand(args: string[], io: CliIO): number {
  const p = parseArgs(args, ['--format', '--min-severity']);
  rejectUnknown(p, ['--format', '--min-severity']);
  const format = option(p, '--format', FORMATS, 'text');
  const min = SEVERITIES.indexOf(option(p, '--min-severity', SEVERITIES, 'info'));
  const targets = p.positional.length ? p.positional : [dockerConfigFile(io.env)];
  const { files, errors } = discover(targets, io.env);
  const report: Array<ReportedFile & { kind?: ConfigKind }> = errors.map((e) => ({ path: e.path, error: e.error }));
  for (const file of files) {
    const read = readConfigText(file.path);
    if (!read.ok) {
      report.push({ path: file.path, error: read.error });
      continue;
    }
    const found = findingsOf(file, read.text, read.mode, io.env);
    if (!found) continue;
    const lines = new LineIndex(read.text);
    const findings = found
      .filter((f) => SEVERITIES.indexOf(f.severity) >= min)
      .map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, path: f.path, range: { start: lines.positionAt(f.offset), end: lines.positionAt(f.offset + f.length) } }));
    report.push({ path: file.path, kind: file.kind, findings });
  }
  for (const r of report) if (r.error) io.err(`docker-config-guard: ${r.path}: ${r.error}`);
  const checked = report.filter((r) => r.findings);
  const failed = checked.some((r) => r.findings!.some((f) => f.severity !== 'info'));
  const status = report.some((r) => r.error) ? 2 : failed ? 1 : 0;
  if (format === 'json') io.out(JSON.stringify({ version: 1, files: report }, null, 2));
  else if (format === 'sarif') io.out(JSON.stringify(toSarif(report, typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : '0.0.0-dev', process.cwd()), null, 2));
  else {
    for (const r of checked) for (const f of r.findings!) io.out(`${r.path}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} ${f.rule}: ${f.message}`);
    if (checked.length === 0 && status === 0) io.out(t('{0}: no Docker configs, Podman auth files or pull secrets found', targets.join(', ')));
    else if (!checked.some((r) => r.findings!.length) && status === 0) io.out(checked.length === 1 ? t('{0}: no problems found', checked[0].path) : t('{0} files: no problems found', checked.length));
  }
  return status;
}

/** The help text of check, for the command line's --help (in the current language). */
export function checkUsage(): string {
  return helpEntry(
    'check [PATH|GLOB...]',
    t(
      "Check Docker config files (default: $DOCKER_CONFIG/config.json,\nelse ~/.docker/config.json), Podman auth files (containers/auth.json,\n$REGISTRY_AUTH_FILE) and Kubernetes pull secrets (YAML). Directories\nand quoted globs ('k8s/**/*.yaml') are searched for them; .git and\nnode_modules are skipped. --format sarif writes SARIF 2.1.0;\n--min-severity info|warning|error leaves out findings below it\n(they do not change the exit status).",
    ),
  );
}
