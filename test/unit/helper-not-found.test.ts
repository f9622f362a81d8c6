// helper-not-found says why when the name tells (issue 12): another OS's keychain helper, Docker Desktop's
// helper without Docker Desktop, a Windows .exe in WSL without interop, a Dev Containers helper. The
// machine's facts are data (HostFacts); the fix switches to a store helper installed here, one edit.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { analyze, applyEdit, fixesFor, HostFacts, hostFacts, messageOf, setBundle } from '../../src/core';
import { fakeHelperDir } from '../support/fake-helper';

const linux: HostFacts = { platform: 'linux', storeHelpers: ['pass', 'secretservice'] };
const mac: HostFacts = { platform: 'darwin', storeHelpers: ['osxkeychain'] };
const win: HostFacts = { platform: 'win32', storeHelpers: ['wincred'] };
const wslOff: HostFacts = { platform: 'linux', wsl: { interop: false }, storeHelpers: ['pass'] };
const wslOn: HostFacts = { platform: 'linux', wsl: { interop: true }, storeHelpers: ['pass'] };

function check(config: object, host: HostFacts | undefined, installed: string[] = []) {
  const text = JSON.stringify(config, null, 2);
  const analysis = analyze(text, { helperOnPath: (n) => installed.includes(n), host });
  const found = analysis.findings.filter((f) => f.rule === 'helper-not-found');
  return { text, analysis, found };
}

describe('helper-not-found: why', () => {
  const cases: Array<[string, object, HostFacts | undefined, string, RegExp | null]> = [
    ['osxkeychain off macOS', { credsStore: 'osxkeychain' }, linux, 'otherOs', /is the macOS keychain helper .* copied or synced from a macOS machine/],
    ['wincred off Windows', { credHelpers: { 'ghcr.io': 'wincred' } }, mac, 'otherOs', /is the Windows keychain helper/],
    ['desktop: Docker Desktop gone or Colima/Rancher/OrbStack', { credsStore: 'desktop' }, mac, 'desktop', /comes with Docker Desktop.*Colima, Rancher Desktop or OrbStack.*docker\/for-mac#3785, #7445/],
    ['desktop.exe in WSL without interop', { credsStore: 'desktop.exe' }, wslOff, 'wslInterop', /Windows interop is off in this WSL distribution.*docker\/for-win#9061/],
    ['desktop.exe in WSL with interop: Docker Desktop', { credsStore: 'desktop.exe' }, wslOn, 'desktop', /comes with Docker Desktop/],
    ['Dev Containers helper', { credsStore: 'dev-containers-4f1a9c2e-77b1-4c43-9a4b-0f2f6d1b5e3a' }, linux, 'devContainer', /VS Code Dev Containers.*microsoft\/vscode-remote-release#7982/],
    ['Dev Containers helper, no host facts', { credsStore: 'dev-containers-abc' }, undefined, 'devContainer', null],
    ['osxkeychain on macOS (not installed: no known reason)', { credsStore: 'osxkeychain' }, mac, 'notOnPath', null],
    ['wincred on Windows', { credsStore: 'wincred' }, win, 'notOnPath', null],
    ['osxkeychain without host facts: not guessed', { credsStore: 'osxkeychain' }, undefined, 'notOnPath', null],
    ['another name', { credsStore: 'ecr-login' }, linux, 'notOnPath', null],
  ];
  for (const [name, config, host, messageId, says] of cases) {
    test(name, () => {
      const { found } = check(config, host);
      assert.equal(found.length, 1);
      assert.equal(found[0].messageId, messageId);
      if (says) assert.match(messageOf(found[0]), says);
      if (messageId !== 'notOnPath') assert.match(messageOf(found[0]), /Docker cannot run the .*helper "[^"]*"( \(credHelpers\))?: its pull and push then silently use the plaintext "auths" entries/);
    });
  }

  test('an installed helper is never reported, whatever its name', () => {
    assert.equal(check({ credsStore: 'desktop' }, mac, ['desktop']).found.length, 0);
    assert.equal(check({ credsStore: 'osxkeychain' }, linux, ['osxkeychain']).found.length, 0);
  });

  test('the fix: one edit to the first store helper installed here (never the missing one); none when there is none', () => {
    const { text, analysis, found } = check({ auths: { 'ghcr.io': {} }, credsStore: 'osxkeychain' }, { platform: 'linux', storeHelpers: ['osxkeychain', 'pass'] });
    const fixes = fixesFor(text, found[0], analysis);
    assert.deepEqual(fixes.map((f) => [f.kind, f.title]), [['installed-store-helper', 'Use "pass", a store helper installed here (nothing is moved: log in again)']]);
    const after = applyEdit(text, fixes[0].edit);
    assert.deepEqual(JSON.parse(after), { auths: { 'ghcr.io': {} }, credsStore: 'pass' });
    const none = check({ credsStore: 'desktop' }, { platform: 'darwin', storeHelpers: [] });
    assert.deepEqual(fixesFor(none.text, none.found[0], none.analysis), []);
    const plain = check({ credsStore: 'nosuch' }, linux);
    assert.deepEqual(fixesFor(plain.text, plain.found[0], plain.analysis), [], 'no fix without a known reason');
  });

  test('in Chinese', () => {
    setBundle(JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../l10n/bundle.l10n.zh-cn.json'), 'utf8')));
    try {
      const { found } = check({ credsStore: 'desktop' }, mac);
      assert.match(messageOf(found[0]), /随 Docker Desktop 提供.*无法运行/);
    } finally {
      setBundle(undefined);
    }
  });

  test('hostFacts: this platform, and the store helpers on the given PATH only (token-only helpers left out)', () => {
    const fakes = fakeHelperDir();
    try {
      fakes.write('pass', 'exit 0');
      fakes.write('ecr-login', 'exit 0');
      const facts = hostFacts({ PATH: fakes.dir });
      assert.equal(facts.platform, process.platform);
      assert.deepEqual(facts.storeHelpers, ['pass']);
    } finally {
      fakes.cleanup();
    }
  });
});
