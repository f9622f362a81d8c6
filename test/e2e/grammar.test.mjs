// End to end: our TextMate injection grammar (syntaxes/docker-config.injection.tmLanguage.json, injected into
// source.json) in the real editor, as a person would check it. Runs scripts/start.mjs like e2e.test.mjs (a HOME with
// no Docker config: it opens its copy of the demo config), adds an ordinary JSON file next to the demo's .docker
// folder, and in headless Chromium puts the cursor on a token with Go to Line (Ctrl+G), End and arrow keys, runs
// "Developer: Inspect Editor Tokens and Scopes" from the command palette and reads the textmate scopes the inspect
// widget shows: an "auth" value is a credential, the credsStore value and a credHelpers value are helper names, a
// registry key of auths is a registry; in the ordinary file a "password" value keeps plain JSON scopes.
// Every step waits on the page's real state. On a failure, test-results/grammar-failure.png shows the page.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { editorSession, since } from './editor.mjs';

const WAIT_MS = 60_000;
const SETTINGS = { 'workbench.tips.enabled': false, 'editor.minimap.enabled': false, 'remote.autoForwardPorts': false };

const CREDENTIAL = 'string.quoted.double.json.credential.docker-config';
const HELPER = 'entity.name.function.helper.docker-config';
const REGISTRY = 'support.type.property-name.json.registry.docker-config';
const PLAIN_FILE = 'package-like.json';
const PLAIN = '{\n\t"name": "package-like",\n\t"version": "1.0.0",\n\t"password": "hunter2"\n}\n'; // "password" on line 4


test('end to end in code-server: the injection grammar scopes credentials, helpers and registries', { timeout: 300_000 }, async (t) => {
  const started = Date.now();
  const session = editorSession(t, { name: 'grammar', settings: SETTINGS, waitMs: WAIT_MS });
  const { stateDir, step } = session;

  try {
    const url = await session.ready();
    const demoFile = path.join(stateDir, 'demo', '.docker', 'config.json');
    const demoLines = readFileSync(demoFile, 'utf8').split('\n');
    const lineOf = (text) => { // 1-based; the demo is what start.mjs copied, so the test follows its edits
      const i = demoLines.findIndex((l) => l.includes(text));
      assert.ok(i >= 0, `${text} is in the demo config`);
      return i + 1;
    };
    writeFileSync(path.join(stateDir, 'demo', PLAIN_FILE), PLAIN); // in the workspace, outside .docker

    const page = await session.open({ viewport: { width: 1280, height: 800 } });
    const editorLines = page.locator('.editor-instance .monaco-editor .view-lines');
    const activeTab = page.locator('.tabs-container .tab.active');
    const quickInput = page.locator('.quick-input-widget');
    const widget = page.locator('.editor-instance .token-inspect-widget');
    const row = (key) => widget.locator('tr').filter({ has: page.locator('td.tiw-metadata-key', { hasText: new RegExp(`^${key}$`) }) })
      .locator('td.tiw-metadata-value');

    const runCommand = async (title) => {
      await page.keyboard.press('F1');
      await quickInput.waitFor();
      await page.keyboard.type(title);
      const item = quickInput.locator('.monaco-list-row', { hasText: title }).first();
      await item.waitFor();
      await page.keyboard.press('Enter');
      await quickInput.waitFor({ state: 'hidden' });
    };
    /** The cursor to line `line`, `fromEnd` characters before its end (Ctrl+G, End, ArrowLeft). */
    const cursorTo = async (line, fromEnd) => {
      await page.keyboard.press('Control+G');
      await quickInput.waitFor();
      await page.keyboard.type(String(line));
      await page.keyboard.press('Enter');
      await quickInput.waitFor({ state: 'hidden' });
      await page.locator('.statusbar .statusbar-item', { hasText: `Ln ${line},` }).first().waitFor();
      await page.keyboard.press('End');
      for (let i = 0; i < fromEnd; i++) await page.keyboard.press('ArrowLeft');
    };
    /** The textmate scopes the inspect widget shows for `token` (which the widget must name in its heading). */
    const inspect = async (line, fromEnd, token) => {
      await cursorTo(line, fromEnd);
      if (!(await widget.isVisible())) await runCommand('Developer: Inspect Editor Tokens and Scopes');
      // The widget follows the cursor: its heading names the token at it (then "<n> chars").
      const escaped = token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      await widget.locator('h2.tiw-token', { hasText: new RegExp(`^${escaped}\\s*${token.length} chars?$`) }).waitFor();
      const scopes = (await row('textmate scopes').innerText()).split('\n').map((s) => s.trim()).filter(Boolean);
      const language = (await row('language').innerText().catch(() => '?')).trim();
      t.diagnostic(`line ${line} ${token} [${language}]: ${scopes.join(' | ')}`);
      return scopes;
    };

    await step('the URL opens the demo config', async () => {
      await page.goto(url);
      await activeTab.filter({ hasText: 'config.json' }).waitFor();
      await editorLines.filter({ hasText: '"credsStore"' }).waitFor();
      await editorLines.click({ position: { x: 5, y: 5 } });
    });

    await step('an "auth" value in auths: credential scope', async () => {
      const value = 'b2N0b2NhdDpnaHBfZGVtb1Rva2VuMTIz'; // under "ghcr.io"
      const scopes = await inspect(lineOf(`"auth": "${value}"`), 3, value);
      assert.ok(scopes.includes(CREDENTIAL), scopes.join('\n'));
      assert.equal(scopes[scopes.length - 1], 'source.json', 'the root scope: the file is JSON, the grammar injected');
    });

    await step('the credsStore value: helper scope', async () => {
      const scopes = await inspect(lineOf('"credsStore":'), 3, 'docker-credential-desktop');
      assert.ok(scopes.includes(HELPER), scopes.join('\n'));
      assert.ok(!scopes.includes(CREDENTIAL), scopes.join('\n'));
    });

    await step('a credHelpers value: helper scope', async () => {
      const scopes = await inspect(lineOf('"gcr.io": "gcloud"'), 3, 'gcloud');
      assert.ok(scopes.includes(HELPER), scopes.join('\n'));
    });

    await step('a registry key of auths: registry scope', async () => {
      const scopes = await inspect(lineOf('"ghcr.io": {'), 5, 'ghcr.io'); // End, then back over { : " o
      assert.ok(scopes.includes(REGISTRY), scopes.join('\n'));
      assert.ok(!scopes.includes(CREDENTIAL), scopes.join('\n'));
    });

    await step(`a "password" value in an ordinary JSON file (${PLAIN_FILE}): plain JSON scopes`, async () => {
      await page.keyboard.press('Escape'); // the widget closes (it also closes when the editor's model changes)
      await widget.waitFor({ state: 'hidden' });
      await page.keyboard.press('Control+P');
      await quickInput.waitFor();
      await page.keyboard.type(PLAIN_FILE);
      await quickInput.locator('.monaco-list-row', { hasText: PLAIN_FILE }).first().waitFor();
      await page.keyboard.press('Enter');
      await activeTab.filter({ hasText: PLAIN_FILE }).waitFor();
      await editorLines.filter({ hasText: '"hunter2"' }).waitFor();
      const line = PLAIN.split('\n').findIndex((l) => l.includes('"password"')) + 1;
      const scopes = await inspect(line, 3, 'hunter2');
      assert.ok(scopes.includes('string.quoted.double.json'), scopes.join('\n'));
      assert.ok(!scopes.includes(CREDENTIAL), scopes.join('\n'));
      assert.ok(!scopes.some((s) => s.endsWith('.docker-config')), scopes.join('\n'));
    });
    t.diagnostic(`all steps in ${since(started)}`);
  } finally {
    await session.close();
  }
});
