/** SARIF 2.1.0 output of `check` (for GitHub code scanning and other SARIF readers). */
import * as path from 'path';
import { pathToFileURL } from 'url';
import { ConfigKind, Finding, LineIndex, Position, RULES, ruleDocUrl, Severity } from '../core';
import { Streamed } from './output';

export interface ReportedFinding {
  rule: string;
  severity: Severity;
  message: string;
  path: Finding['path'];
  range: { start: Position; end: Position };
}

/** A file of a `check` run: its findings (with the file's line index), or why it was not checked. */
export interface ReportedFile {
  path: string;
  kind?: ConfigKind;
  findings?: Finding[];
  lines?: LineIndex;
  /** Could not be read or checked (exit status 2). */
  error?: string;
  /** Not read on purpose (a symbolic link out of the searched directory); the exit status stays. */
  skipped?: string;
}

/** A finding as `check` reports it: 0-based line and character positions instead of offsets. */
export function reportedFinding(file: ReportedFile, f: Finding): ReportedFinding {
  const lines = file.lines!;
  return { rule: f.rule, severity: f.severity, message: f.message, path: f.path, range: { start: lines.positionAt(f.offset), end: lines.positionAt(f.offset + f.length) } };
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
const HOME = 'https://github.com/docker-config-guard/docker-config-guard';

/** A file below `cwd` as a relative URI against %SRCROOT%, any other as a file: URI. */
function artifact(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const rel = path.relative(cwd, path.resolve(cwd, file));
  if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
  return { uri: pathToFileURL(path.resolve(cwd, file)).href };
}

function* results(files: ReportedFile[], cwd: string): Generator<object> {
  const index = new Map(RULES.map((r, i) => [r.id as string, i]));
  for (const file of files) {
    if (!file.findings?.length) continue;
    const artifactLocation = artifact(file.path, cwd);
    for (const finding of file.findings) {
      const f = reportedFinding(file, finding);
      yield {
        ruleId: f.rule,
        ruleIndex: index.get(f.rule),
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation,
              region: { startLine: f.range.start.line + 1, startColumn: f.range.start.character + 1, endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1 },
            },
          },
        ],
      };
    }
  }
}

/** The SARIF log; its results are a `Streamed` array, made while they are written (see output.ts). */
export function toSarif(files: ReportedFile[], version: string, cwd: string): object {
  const failures = files.filter((f) => f.error || f.skipped);
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'docker-config-guard',
            version,
            informationUri: HOME,
            rules: RULES.map((r) => ({
              id: r.id,
              name: r.id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
              shortDescription: { text: r.title },
              helpUri: ruleDocUrl(r.id),
              properties: { tags: ['security', 'docker', 'credentials'] },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd + path.sep).href } },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: !failures.some((f) => f.error),
            toolExecutionNotifications: failures.map((f) => ({
              level: f.error ? 'error' : 'warning',
              message: { text: `${f.path}: ${f.error ?? f.skipped}` },
              locations: [{ physicalLocation: { artifactLocation: artifact(f.path, cwd) } }],
            })),
          },
        ],
        results: new Streamed(results(files, cwd)),
      },
    ],
  };
}
