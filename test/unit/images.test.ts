// images: the image references of a project (Dockerfile FROM, Compose, Kubernetes, GitHub Actions) and where docker
// takes the credentials for each from, without running a helper.
import { test, describe, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli';
import { imageFileKind, imageHoverAt, imageRefs } from '../../src/core';
import { b64 } from './util';

const refs = (text: string, kind: Parameters<typeof imageRefs>[1]) => imageRefs(text, kind).map((r) => `${r.line}:${r.image}`);

describe('Dockerfile FROM', () => {
  test('stages, scratch, global ARG defaults, --platform, continuations, comments', () => {
    const text = [
      '# syntax=docker/dockerfile:1',
      'ARG BASE=ghcr.io/acme/base',
      'ARG TAG="1.2"',
      'ARG UNSET',
      'FROM --platform=$BUILDPLATFORM ${BASE}:${TAG} AS build',
      'ARG LATE=ignored.io/x',
      'FROM build AS test',
      'FROM scratch',
      'FROM $UNSET',
      'FROM ${UNSET:-docker.io/library/alpine:3.20}',
      'FROM \\',
      '  registry.example.com:5000/team/app@sha256:abc',
      'from Build',
      'FROM $LATE',
      'FROM nginx AS nginx',
    ].join('\n');
    assert.deepEqual(refs(text, 'dockerfile'), ['4:ghcr.io/acme/base:1.2', '9:docker.io/library/alpine:3.20', '10:registry.example.com:5000/team/app@sha256:abc', '14:nginx']);
    const r = imageRefs('FROM  alpine:3', 'dockerfile')[0];
    assert.equal('FROM  alpine:3'.slice(r.offset, r.offset + r.length), 'alpine:3');
  });
  test('CRLF and an unterminated continuation at the end', () => {
    assert.deepEqual(refs('FROM a.io/x\r\nFROM b.io/y \\', 'dockerfile'), ['0:a.io/x', '1:b.io/y']);
  });
  test('linear: 20,000 continuation lines and 20,000 FROM lines', () => {
    const big = 'FROM \\\n'.repeat(20000) + 'alpine\n' + 'FROM x.io/y\n'.repeat(20000);
    const t0 = Date.now();
    assert.equal(imageRefs(big, 'dockerfile').length, 20001);
    assert.ok(Date.now() - t0 < 2000);
  });
});

describe('YAML files', () => {
  test('Compose image:, quoted, commented, interpolated (skipped)', () => {
    const text = 'services:\n  web:\n    image: "ghcr.io/acme/web:1" # prod\n  db:\n    image: postgres:16\n  x:\n    image: ${REG}/x\n';
    assert.deepEqual(refs(text, 'compose'), ['2:ghcr.io/acme/web:1', '4:postgres:16']);
  });
  test('Kubernetes: pod templates, containers list items, CronJobs', () => {
    const text = 'apiVersion: batch/v1\nkind: CronJob\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - name: a\n            image: quay.io/acme/job:2\n          - image: busybox\n';
    assert.deepEqual(refs(text, 'kubernetes'), ['9:quay.io/acme/job:2', '10:busybox']);
  });
  test('workflows: container: (scalar and image:), services:, docker://, expressions skipped', () => {
    const text = [
      'jobs:',
      '  a:',
      '    container: node:20',
      '    services:',
      '      redis:',
      '        image: redis:7',
      '    steps:',
      '      - uses: docker://ghcr.io/acme/tool:1',
      '      - uses: actions/checkout@v4',
      '  b:',
      '    container:',
      '      image: ${{ matrix.image }}',
    ].join('\n');
    assert.deepEqual(refs(text, 'workflow'), ['2:node:20', '5:redis:7', '7:ghcr.io/acme/tool:1']);
  });
  test('file kinds by name and content', () => {
    assert.equal(imageFileKind('a/Dockerfile'), 'dockerfile');
    assert.equal(imageFileKind('a/Dockerfile.prod'), 'dockerfile');
    assert.equal(imageFileKind('a/app.Containerfile'), 'dockerfile');
    assert.equal(imageFileKind('docker-compose.override.yml'), 'compose');
    assert.equal(imageFileKind('.github/workflows/ci.yml'), 'workflow');
    assert.equal(imageFileKind('k8s/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\n'), 'kubernetes');
    assert.equal(imageFileKind('values.yaml', 'image: x\n'), undefined);
    assert.equal(imageFileKind('README.md'), undefined);
  });
});

describe('hover on an image reference', () => {
  const config = JSON.stringify({ credHelpers: { 'ghcr.io': 'pass' }, auths: { 'quay.io': { auth: b64('bob:hunter2-secret') } } });
  test('on the reference: the registry and the helper docker asks; elsewhere: nothing', () => {
    const text = 'FROM ghcr.io/acme/base:1 AS b\nFROM b\n';
    const h = imageHoverAt(text, 'dockerfile', text.indexOf('acme'), config, '/h/.docker/config.json')!;
    assert.equal(text.slice(h.offset, h.offset + h.length), 'ghcr.io/acme/base:1');
    assert.match(h.markdown, /ghcr\\\.io/);
    assert.match(h.markdown, /pass/);
    assert.equal(imageHoverAt(text, 'dockerfile', 1, config, 'f'), undefined);
    assert.equal(imageHoverAt(text, 'dockerfile', text.lastIndexOf('b'), config, 'f'), undefined);
  });
  test('a registry without credentials is flagged; a plaintext entry never shows its secret; Markdown escaped', () => {
    const text = 'services:\n  a:\n    image: quay.io/x\n  b:\n    image: evil.io/[x](http://e)\n';
    const q = imageHoverAt(text, 'compose', text.indexOf('quay'), config, 'f')!;
    assert.ok(!q.markdown.includes('hunter2') && !q.markdown.includes(b64('bob:hunter2-secret')));
    assert.doesNotMatch(q.markdown, /No credentials/);
    const e = imageHoverAt(text, 'compose', text.indexOf('evil'), config, 'f')!;
    assert.match(e.markdown, /No credentials for this registry/);
    assert.ok(!e.markdown.includes('[x](http'), e.markdown);
  });
});

describe('images command', () => {
  let dir: string;
  const write = (name: string, text: string) => {
    const f = path.join(dir, name);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, text);
    return f;
  };
  async function run(args: string[]) {
    let out = '';
    let err = '';
    const code = await main(args, { out: (s) => (out += s + '\n'), err: (s) => (err += s + '\n'), env: { HOME: dir, PATH: '/nonexistent' } });
    return { code, out, err };
  }
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dcg-images-'));
    write('.docker/config.json', JSON.stringify({ credHelpers: { 'ghcr.io': 'pass' }, auths: { 'quay.io': { auth: b64('bob:hunter2-secret') } } }));
    write('proj/Dockerfile', 'FROM ghcr.io/acme/base:1 AS b\nFROM b\n');
    write('proj/compose.yaml', 'services:\n  q:\n    image: quay.io/acme/q\n  b:\n    image: ghcr.io/acme/base:1\n');
    write('proj/k8s/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n      - image: private.example.com/app\n');
    write('proj/.github/workflows/ci.yml', 'jobs:\n  a:\n    container: node:20\n');
    write('proj/values.yaml', 'image: not-a-manifest.io/x\n');
    write('proj/node_modules/Dockerfile', 'FROM skipped.io/x\n');
    fs.symlinkSync(path.join(dir, '.docker/config.json'), path.join(dir, 'proj/Dockerfile.link'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('json: one entry per image, every file and line, the credential source, no helper run, no secret', async () => {
    const r = await run(['images', path.join(dir, 'proj'), '--format', 'json']);
    assert.equal(r.code, 0, r.err);
    const list = JSON.parse(r.out) as Array<{ image: string; registry: string; files: Array<{ path: string; line: number }>; source: string; helper: string | null; entry: string | null }>;
    const p = (f: string) => path.join(dir, 'proj', f);
    assert.deepEqual(list, [
      { image: 'ghcr.io/acme/base:1', registry: 'ghcr.io', files: [{ path: p('Dockerfile'), line: 1 }, { path: p('compose.yaml'), line: 5 }], source: 'credHelpers', helper: 'pass', entry: null },
      { image: 'node:20', registry: 'docker.io', files: [{ path: p('.github/workflows/ci.yml'), line: 3 }], source: 'none', helper: null, entry: null },
      { image: 'private.example.com/app', registry: 'private.example.com', files: [{ path: p('k8s/deploy.yaml'), line: 7 }], source: 'none', helper: null, entry: null },
      { image: 'quay.io/acme/q', registry: 'quay.io', files: [{ path: p('compose.yaml'), line: 3 }], source: 'auths', helper: null, entry: 'quay.io' },
    ]);
    assert.match(r.err, /Dockerfile\.link: skipped: a symbolic link/);
    assert.ok(!r.out.includes('hunter2') && !r.out.includes(b64('bob:hunter2-secret')));
  });
  test('text: flags registries without credentials; a named file; escaped output', async () => {
    const f = write('named/Dockerfile', 'FROM evil.io/x\u001b[31m\n');
    const r = await run(['images', f, path.join(dir, 'proj', 'k8s')]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /private\.example\.com\/app {2}\[private\.example\.com\] {2}no credentials/);
    assert.ok(!r.out.includes('\u001b'));
  });
  test('a missing path: exit 2, said on stderr', async () => {
    const r = await run(['images', path.join(dir, 'nope')]);
    assert.equal(r.code, 2);
    assert.match(r.err, /no such file/);
  });
});
