// The side-by-side answer (issue 11: docker, containers/image and kubelet for one file) under crafted files: keys,
// helper names and usernames cannot break the table or act as Markdown, thousands of matching keys give a short
// answer, and no secret is shown in any form or language.
import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, compareClients, hoverAt, setBundle, sideBySideMarkdown, sideBySideText, SideBySide } from '../../src/core';
import { code } from '../../src/core/hover';

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
const CRAFTED = ['[click](command:workbench.action.terminal.new)', '<img src=x onerror=alert(1)>', 'a`b``c', 'x|y||z', 'evil\u202e\u2066gpj\x1b[31m\r\n| forged | row |', '**b** _i_'];
const PASSWORD = 'pw"\\\u00e9-Secret|`x`';

/** The Markdown outside code spans (a run of n backticks up to the next run of exactly n), escaped characters dropped. */
function outsideCode(md: string): string {
  return md.replace(/\\[!-/:-@[-`{-~]/g, '·').replace(/(`+)(?:(?!\1)[\s\S])*?(?<!`)\1(?!`)/g, '');
}

function assertInert(lines: string[]): void {
  const md = lines.join('\n');
  assert.doesNotMatch(md, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/, `raw control or bidi character: ${JSON.stringify(md)}`);
  const plain = outsideCode(md);
  for (const bad of ['](', '<img', '`', '**b**']) assert.ok(!plain.includes(bad), `${bad} outside code: ${JSON.stringify(md)}`);
  const table = lines.filter((l) => l.startsWith('|'));
  // markdown-it splits a row at every pipe without a backslash before it: 4 cells, 5 pipes.
  for (const l of table) assert.equal(l.match(/(?<!\\)\|/g)?.length, 5, `a cell broke out: ${l}`);
}

function allForms(secret: string): string[] {
  return [secret, JSON.stringify(secret).slice(1, -1), b64(secret), encodeURIComponent(secret)];
}

function rendered(s: SideBySide): string {
  return [...sideBySideMarkdown(s, code), ...sideBySideText(s)].join('\n');
}

test('crafted keys, helper names and usernames stay inside their cells and inert, in every file kind', () => {
  for (const crafted of CRAFTED) {
    const auths: Record<string, unknown> = { [`r.io/${crafted}`]: { auth: b64(`${crafted}:${PASSWORD}`) }, [`r.io/${crafted}2`]: {} };
    const docker = compareClients('r.io/app', JSON.stringify({ auths, credHelpers: { 'docker.io': crafted } }), 'docker');
    assert.ok(docker.rows.some((r) => r.notes.some((n) => n.id === 'randomPick')), JSON.stringify(docker.rows));
    const hub = compareClients('alpine', JSON.stringify({ auths: {}, credsStore: crafted, credHelpers: { 'docker.io': crafted } }), 'docker');
    const kube = compareClients('r.io/app', JSON.stringify({ auths: { 'r.io': { auth: b64(`${crafted}:${PASSWORD}`) }, '*.io': { username: crafted, password: PASSWORD } } }), 'kubelet');
    const pod = compareClients('r.io/app', JSON.stringify({ auths: { 'r.io': { auth: b64(`${crafted}:${PASSWORD}`) } } }), 'containers');
    for (const s of [docker, hub, kube, pod]) {
      assertInert(sideBySideMarkdown(s, code));
      for (const line of sideBySideText(s)) assert.doesNotMatch(line, /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/, line);
    }
  }
});

test('hundreds of matching keys: the answer lists five and counts the rest', () => {
  // 300, not thousands: the analysis itself (duplicate-registry lists every other key in each message) is quadratic in keys of one host.
  const auths: Record<string, unknown> = {};
  for (let i = 0; i < 300; i++) auths[`r.io/team${i}`] = { auth: b64(`user${i}:${PASSWORD}`) };
  const docker = compareClients('r.io/app', JSON.stringify({ auths }), 'docker');
  const md = sideBySideMarkdown(docker, code).join('\n');
  assert.ok(md.length < 3000, `${md.length} characters`);
  assert.match(md, /and 295 more/);
  // kubelet tries every matching entry: a list as long as the file (built directly: kubelet's keys match by host and path prefix).
  const kube: SideBySide = { image: 'r.io/app', registry: 'r.io', kind: 'kubelet', rows: [{ client: 'kubelet', source: { kind: 'entry', key: 'r.io' }, usernames: Array.from({ length: 5000 }, (_, i) => `u${i}`), notes: [{ id: 'eachInTurn' }] }] };
  assert.ok(rendered(kube).length < 1000, rendered(kube));
  assert.match(rendered(kube), /`u0`, `u1`, `u2`, `u3`, `u4` and 4995 more/);
});

test('no secret is shown, raw, JSON-escaped, base64 or URL-encoded, in English or Chinese', () => {
  const config = JSON.stringify({
    auths: { 'r.io': { auth: b64(`alice:${PASSWORD}`), identitytoken: PASSWORD }, 'r.io/team': { username: 'bob', password: PASSWORD }, 'https://index.docker.io/v1/': { auth: b64(`hub:${PASSWORD}`) } },
    credHelpers: { 'q.io': 'pass' },
  });
  const zh = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
  for (const bundle of [undefined, zh]) {
    setBundle(bundle);
    try {
      for (const kind of ['docker', 'containers', 'kubelet'] as const) {
        for (const image of ['r.io/team/app', 'r.io/x', 'alpine', 'q.io/x']) {
          const shown = [JSON.stringify(compareClients(image, config, kind)), rendered(compareClients(image, config, kind))].join('\n');
          for (const form of [...allForms(PASSWORD), b64(`alice:${PASSWORD}`), b64(`hub:${PASSWORD}`)]) assert.ok(!shown.includes(form), `${form} shown for ${kind} ${image}`);
        }
      }
      const model = analyze(config).model;
      const hover = hoverAt(model, config.indexOf('"r.io/team"') + 2)!.markdown;
      for (const form of allForms(PASSWORD)) assert.ok(!hover.includes(form), `${form} in the key hover`);
    } finally {
      setBundle(undefined);
    }
  }
});
