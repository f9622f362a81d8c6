/**
 * `check [PATH|GLOB...] [--format text|json|sarif] [--min-severity info|warning|error] [--live]`: Docker
 * configs, Podman auth files and Kubernetes pull secrets in files, directories and globs.
 * Exit status: 2 usage or I/O error; else 1 when a reported finding is a warning or an error; else 0.
 * Findings below --min-severity are neither reported nor counted. Each file is read and checked on its
 * own: one that cannot be read (not a regular file, too large) or whose check fails is that file's error
 * (exit 2) and every other file is still checked and reported. Symbolic links out of a searched directory
 * are skipped (reported, exit status unchanged). Text output is escaped line by line (`outputLine`);
 * JSON and SARIF are written in pieces (output.ts).
 */
import * as path from 'path';
import { analyze, analyzeDockercfg, analyzeManifest, dockerConfigFile, Finding, helperClient, helperOnPathOnce, hostFacts, HostFacts, liveFindings, LineIndex, mayHoldPullSecret, messageOf, outputLine, profileOfKind, readContexts, Severity, t } from '../core';
import { CliIO, Parsed, UsageError, describeError, helpEntry, parseArgs, rejectUnknown } from './args';
import { Candidate, discover } from './discover';
import { readConfigText } from './files';
import { LineWriter, Streamed, jsonPieces } from './output';
import { ReportedFile, reportedFinding, toSarif } from './sarif';

declare const PACKAGE_VERSION: string;

const FORMATS = ['text', 'json', 'sarif'] as const;
const SEVERITIES: readonly Severity[] = ['info', 'warning', 'error'];

function option<T extends string>(p: Parsed, name: string, allowed: readonly T[], fallback: T): T {
  const value = p.flags.get(name) ?? fallback;
  if (!allowed.includes(value as T)) throw new UsageError(t('{0} must be {1}, not {2}', name, allowed.join(', '), String(value)));
  return value as T;
}

interface Run {
  env: NodeJS.ProcessEnv;
  /** --live: ask the credential helpers of each Docker config (the editor's time limits: 10 s a call, 30 s a file). */
  live: boolean;
  signal?: AbortSignal;
  /** This machine's facts (helper-not-found's reasons), each looked up once, when a rule first asks. */
  host: HostFacts;
  /** Whether docker-credential-<name> is on PATH, looked up once per name. */
  helperOnPath: (name: string) => boolean;
}

async function findingsOf(file: Candidate, text: string, mode: number | undefined, run: Run): Promise<Finding[] | undefined> {
  if (file.kind === 'manifest') return mayHoldPullSecret(text) || file.named ? analyzeManifest(text).findings : undefined;
  if (file.kind === 'containers') return analyze(text, { profile: profileOfKind(file.kind), fileMode: mode }).findings;
  if (file.kind === 'dockercfg') return analyzeDockercfg(text, { fileMode: mode }).findings;
  const contexts = path.basename(file.path) === 'config.json' ? readContexts(path.dirname(file.path)) : undefined;
  const analysis = analyze(text, { helperOnPath: run.helperOnPath, fileMode: mode, host: run.host, contexts, now: Date.now() });
  if (!run.live) return analysis.findings;
  const live = await liveFindings(analysis, helperClient({ env: run.env }), { signal: run.signal });
  return [...analysis.findings, ...live].sort((a, b) => a.offset - b.offset);
}

/** Reads and checks one file; whatever goes wrong is that file's error, never the run's. */
async function checkFile(file: Candidate, min: number, run: Run): Promise<ReportedFile | undefined> {
  try {
    const read = file.read === undefined ? readConfigText(file.path) : readConfigText(file.read, { noFollow: true });
    if (!read.ok) return { path: file.path, error: read.error };
    const found = await findingsOf(file, read.text, read.mode, run);
    if (!found) return undefined;
    const findings = found.filter((f) => SEVERITIES.indexOf(f.severity) >= min);
    return { path: file.path, kind: file.kind, findings, lines: new LineIndex(read.text) };
  } catch (e) {
    if ((e as Error)?.name === 'AbortError') throw e;
    return { path: file.path, error: t('not checked: internal error ({0})', describeError(e)) };
  }
}

function* reportedFindings(r: ReportedFile): Generator<object> {
  for (const f of r.findings!) yield reportedFinding(r, f);
}

/** The JSON report: `{ version: 1, files: [...] }`, each file's findings made while written. */
function jsonReport(report: ReportedFile[]): object {
  const files = report.map((r) =>
    r.findings ? { path: r.path, kind: r.kind, findings: new Streamed(reportedFindings(r)) } : r.error !== undefined ? { path: r.path, error: r.error } : { path: r.path, skipped: r.skipped },
  );
  return { version: 1, files: new Streamed(files) };
}

export async function checkCommand(args: string[], io: CliIO): Promise<number> {
  const p = parseArgs(args, ['--format', '--min-severity']);
  rejectUnknown(p, ['--format', '--min-severity', '--live']);
  const run: Run = { env: io.env, live: p.flags.get('--live') === true, signal: io.signal, host: hostFacts(io.env), helperOnPath: helperOnPathOnce(io.env) };
  const format = option(p, '--format', FORMATS, 'text');
  const min = SEVERITIES.indexOf(option(p, '--min-severity', SEVERITIES, 'info'));
  const targets = p.positional.length ? p.positional : [dockerConfigFile(io.env)];
  const { files, errors, skipped } = discover(targets, io.env);
  const report: ReportedFile[] = [...errors.map((e) => ({ path: e.path, error: e.error })), ...skipped.map((s) => ({ path: s.path, skipped: s.reason }))];
  for (const file of files) {
    const r = await checkFile(file, min, run);
    if (r) report.push(r);
  }
  for (const r of report) if (r.error !== undefined || r.skipped !== undefined) io.err(outputLine(`docker-config-guard: ${r.path}: ${r.error ?? r.skipped}`));
  const checked = report.filter((r) => r.findings);
  const failed = checked.some((r) => r.findings!.some((f) => f.severity !== 'info'));
  const status = report.some((r) => r.error !== undefined) ? 2 : failed ? 1 : 0;
  const w = new LineWriter(io);
  if (format === 'json') await w.all(jsonPieces(jsonReport(report)));
  else if (format === 'sarif') await w.all(jsonPieces(toSarif(report, typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : '0.0.0-dev', process.cwd())));
  else {
    for (const r of checked) {
      for (const f of r.findings!) {
        const at = r.lines!.positionAt(f.offset);
        await w.line(`${r.path}:${at.line + 1}:${at.character + 1}: ${f.severity} ${f.rule}: ${messageOf(f)}`);
      }
    }
    if (checked.length === 0 && status === 0) await w.line(t('{0}: no Docker configs, Podman auth files or pull secrets found', targets.join(', ')));
    else if (!checked.some((r) => r.findings!.length) && status === 0) await w.line(checked.length === 1 ? t('{0}: no problems found', checked[0].path) : t('{0} files: no problems found', checked.length));
  }
  await w.flush();
  return status;
}

/** The help text of check, for the command line's --help (in the current language). */
export function checkUsage(): string {
  return helpEntry(
    'check [PATH|GLOB...]',
    t(
      "Check Docker config files (default: $DOCKER_CONFIG/config.json,\nelse ~/.docker/config.json), Podman auth files (containers/auth.json,\n$REGISTRY_AUTH_FILE) and Kubernetes pull secrets (YAML). Directories\nand quoted globs ('k8s/**/*.yaml') are searched for them; .git and\nnode_modules are skipped. --format sarif writes SARIF 2.1.0;\n--min-severity info|warning|error leaves out findings below it\n(they do not change the exit status). Only regular files are read\n(a pipe or device is an error). A symbolic link found in a searched\ndirectory whose target lies outside it is not followed: it is\nreported as skipped and does not change the exit status (name the\nfile to check it). Exit status: 2 when a file could not be read or\nchecked (all others are still checked and reported), else 1 when a\nwarning or error is reported, else 0. --live also runs the\ncredential helpers the file names, as docker would (list, and get\nfor a registry the list lacks), at most 10 s a call and 30 s a\nfile: helper-missing-credential and helper-failed. Without it\nno helper is run.",
    ),
  );
}
