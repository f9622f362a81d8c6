/** SARIF 2.1.0 output of `check` (for GitHub code scanning and other SARIF readers). */
import * as path from 'path';
import { pathToFileURL } from 'url';
import { RULES, ruleDocUrl, Severity } from '../core';
import { Position } from '../core/lines';

export interface ReportedFinding {
  rule: string;
  severity: Severity;
  message: string;
  range: { start: Position; end: Position };
}

export interface ReportedFile {
  path: string;
  findings?: ReportedFinding[];
  error?: string;
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
const HOME = 'https://github.com/docker-config-guard/docker-config-guard';

/** A file below `cwd` as a relative URI against %SRCROOT%, any other as a file: URI. */
function artifact(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const rel = path.relative(cwd, path.resolve(cwd, file));
  if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
  return { uri: pathToFileURL(path.resolve(cwd, file)).href };
}

export function toSarif(files: ReportedFile[], version: string, cwd: string): object {
  const index = new Map(RULES.map((r, i) => [r.id as string, i]));
  const results = files.flatMap((file) =>
    (file.findings ?? []).map((f) => ({
      ruleId: f.rule,
      ruleIndex: index.get(f.rule),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifact(file.path, cwd),
            region: { startLine: f.range.start.line + 1, startColumn: f.range.start.character + 1, endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1 },
          },
        },
      ],
    })),
  );
  const failures = files.filter((f) => f.error);
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
            executionSuccessful: failures.length === 0,
            toolExecutionNotifications: failures.map((f) => ({ level: 'error', message: { text: `${f.path}: ${f.error}` }, locations: [{ physicalLocation: { artifactLocation: artifact(f.path, cwd) } }] })),
          },
        ],
        results,
      },
    ],
  };
}
