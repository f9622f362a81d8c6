// scripts/start.mjs (`npm start`) without an editor: which folder it opens, the demo copy, the URL it prints.
// test/e2e/e2e.test.mjs runs the script itself and opens its URL in Chromium.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { DEMO, ROOT, demoCopy, developmentLink, editorUrl, userDockerConfig } from '../../scripts/start.mjs';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'dcg-start-test-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const folder = (...p) => { const d = path.join(tmp, ...p); mkdirSync(d, { recursive: true }); return d; };
const config = (dir) => { writeFileSync(path.join(dir, 'config.json'), '{}\n'); return { folder: dir, file: path.join(dir, 'config.json') }; };

describe('npm start opens', () => {
  test('$DOCKER_CONFIG/config.json first', () => {
    const home = folder('a', 'home');
    config(folder('a', 'home', '.docker'));
    const own = config(folder('a', 'own'));
    assert.deepEqual(userDockerConfig({ DOCKER_CONFIG: own.folder }, home), own);
  });
  test('~/.docker/config.json when $DOCKER_CONFIG has none or is unset', () => {
    const home = folder('b', 'home');
    const user = config(folder('b', 'home', '.docker'));
    assert.deepEqual(userDockerConfig({ DOCKER_CONFIG: folder('b', 'empty') }, home), user);
    assert.deepEqual(userDockerConfig({}, home), user);
  });
  test('nothing (so the demo) when neither exists', () => {
    assert.equal(userDockerConfig({}, folder('c', 'home')), undefined);
    assert.equal(userDockerConfig({ DOCKER_CONFIG: folder('c', 'cfg') }, folder('c', 'home')), undefined);
  });
  test('a fresh copy of the demo, readable by others (the file-permissions rule shows)', () => {
    const state = folder('d');
    const first = demoCopy(state);
    writeFileSync(first.file, 'edited');
    const again = demoCopy(state);
    assert.deepEqual(again, { folder: path.join(state, 'demo'), file: path.join(state, 'demo', '.docker', 'config.json') });
    assert.equal(readFileSync(again.file, 'utf8'), readFileSync(path.join(DEMO, '.docker', 'config.json'), 'utf8'));
    assert.equal(statSync(again.file).mode & 0o777, 0o644);
  });
  test('the extension from a link to this folder (not its parent folder, which holds code-server\'s own themes)', () => {
    const state = folder('e');
    developmentLink(state);
    const link = developmentLink(state); // replaces the old link
    assert.equal(readlinkSync(link), ROOT);
    assert.ok(path.relative(link, path.join(ROOT, '.vscode-test', 'code-server')).startsWith('..'), 'not inside the link');
  });
});

test('the URL: folder, payload with the development extension and the file, URL-encoded', () => {
  const url = new URL(editorUrl(8123, { folder: '/home/me/a b/.docker', file: '/home/me/a b/.docker/config.json', extensionDevelopmentPath: '/src/ext #1' }));
  assert.equal(url.origin, 'http://127.0.0.1:8123');
  assert.equal(url.searchParams.get('folder'), '/home/me/a b/.docker');
  assert.deepEqual(JSON.parse(url.searchParams.get('payload')), [
    ['extensionDevelopmentPath', 'vscode-remote://127.0.0.1:8123/src/ext%20%231'],
    ['openFile', 'vscode-remote://127.0.0.1:8123/home/me/a%20b/.docker/config.json'],
    ['skipWelcome', 'true'], ['skipReleaseNotes', 'true'],
  ]);
  assert.doesNotMatch(editorUrl(1, { folder: '/x' }), /openFile/);
});
