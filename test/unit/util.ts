import * as assert from 'node:assert/strict';
import { parseTree, ParseError } from 'jsonc-parser';
import { analyze, Finding, messageOf } from '../../src/core';

export const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

/** A compact description of a finding: rule, severity and the exact text its range covers. */
export interface Expect {
  rule: string;
  severity?: string;
  /** The text the finding's range covers. */
  at: string;
  path?: Array<string | number>;
  /** A fragment the message must contain. */
  says?: string;
}

export function findings(text: string, options = {}): Finding[] {
  return analyze(text, options).findings;
}

export function covered(text: string, f: Finding): string {
  return text.slice(f.offset, f.offset + f.length);
}

/** Asserts exactly these findings (order-independent). */
export function expectFindings(text: string, expected: Expect[], options = {}): Finding[] {
  const got = findings(text, options);
  const describe = (f: Finding) => `${f.rule}/${f.severity} at ${JSON.stringify(covered(text, f))}`;
  assert.equal(got.length, expected.length, `expected ${expected.length} findings, got:\n  ${got.map(describe).join('\n  ')}`);
  const left = [...got];
  for (const e of expected) {
    const i = left.findIndex((f) => f.rule === e.rule && covered(text, f) === e.at && (!e.severity || f.severity === e.severity));
    assert.ok(i >= 0, `missing ${e.rule}/${e.severity ?? '*'} at ${JSON.stringify(e.at)}; got:\n  ${got.map(describe).join('\n  ')}`);
    const f = left.splice(i, 1)[0];
    if (e.path) assert.deepEqual(f.path, e.path);
    if (e.says) assert.ok(messageOf(f).includes(e.says), `message of ${e.rule} lacks ${JSON.stringify(e.says)}: ${messageOf(f)}`);
  }
  return got;
}

/** Docker's decoder is strict JSON: the text must parse with no error at all. */
export function assertStrictJson(text: string): void {
  const errors: ParseError[] = [];
  parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  assert.deepEqual(errors, [], `not strict JSON:\n${text}`);
  JSON.parse(text);
}
