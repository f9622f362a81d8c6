// End to end, as a person uses it: `npm run test:e2e` (node:test, playwright-core, Debian's Chromium, headless).
// Runs scripts/start.mjs (what `npm start` runs) with a HOME that has no Docker config, so it opens its copy of the
// demo config (media/demo) in a temp folder, opens the URL it prints in Chromium, and then, with keyboard and mouse:
// closes the file and opens it again with Quick Open, reads our problem in the Problems panel, hovers an "auth" value
// and reads the decoded credentials, puts the cursor on an empty entry, opens the quick-fix menu (Ctrl+.), applies
// "Remove the empty entry …", sees the editor text change and saves. Last, Ctrl+C (SIGINT) must stop npm start and
// its code-server. Every step waits on the page's real state (no fixed sleeps; at most short polls).
// It saves media/screenshot-diagnostics.png, media/screenshot-hover.png and media/screenshot-quickfix.png (the README
// shows them); on a failure, test-results/e2e-failure.png shows the page as it was.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { delay, editorSession, screenshot as save, SCREENSHOT_SETTINGS as SETTINGS, since, VIEWPORT } from './editor.mjs';

const WAIT_MS = 60_000; // for one thing to show up; a busy 2-core machine takes ~10 s for the first diagnostics
const SOURCE = 'Docker Config Guard';
const HUB_KEY = 'https://index.docker.io/v1/';
const EMPTY_HUB = `"${HUB_KEY}" is an empty placeholder left by docker login.`; // empty-auth on line 3 of the demo
const HUB_AUTH = 'YWxpY2U6czNjcmV0'; // alice:s3cret, under "docker.io" in the demo


/** The live processes of a process group (zombies are dead: without an init, nobody may reap them for a while). */
const liveInGroup = (pgid) => spawnSync('ps', ['-eo', 'pid=,pgid=,stat=,args='], { encoding: 'utf8' }).stdout.split('\n')
  .map((l) => l.trim().split(/\s+/)).filter(([, g, stat]) => Number(g) === pgid && stat && !stat.startsWith('Z')).map((f) => f.join(' '));

test('end to end in code-server: problems, hover, quick fix; npm start stops on Ctrl+C', { timeout: 300_000 }, async (t) => {
  const started = Date.now();
  const session = editorSession(t, { name: 'e2e', settings: SETTINGS, waitMs: WAIT_MS });
  const { editor, stateDir, step } = session;
  let page;
  const screenshot = (name) => save(t, page, name);
  const NEUTRAL = { x: 1000, y: 17 }; // the empty part of the title bar: no hover, no scroll bar

  try {
    const url = await session.ready();
    const demoFile = path.join(stateDir, 'demo', '.docker', 'config.json');
    const original = readFileSync(demoFile, 'utf8');
    assert.ok(url.includes(`folder=${encodeURIComponent(path.join(stateDir, 'demo'))}&payload=`), url);
    t.diagnostic(`npm start printed ${url.slice(0, 60)}… (${since(started)})`);

    page = await session.open({ viewport: VIEWPORT, colorScheme: 'dark' });
    const editorLines = page.locator('.editor-instance .monaco-editor .view-lines');
    const activeTab = page.locator('.tabs-container .tab.active');
    const quickInput = page.locator('.quick-input-widget');
    const problems = page.locator('.markers-panel');

    await step('the URL opens the demo config with the extension loaded', async () => {
      await page.goto(url);
      await activeTab.filter({ hasText: 'config.json' }).waitFor(); // the payload's openFile
      await editorLines.filter({ hasText: '"credsStore"' }).waitFor();
      // The first squiggle: the file has been checked (that they are ours, the Problems panel shows next).
      await page.locator('.editor-instance .monaco-editor .squiggly-error').first().waitFor({ state: 'attached' });
    });

    await step('close it, open it again with Quick Open (Ctrl+P)', async () => {
      await editorLines.click(); // focus into the workbench
      await page.keyboard.press('F1');
      await quickInput.waitFor();
      await page.keyboard.type('View: Close All Editors');
      await quickInput.locator('.monaco-list-row', { hasText: /^View: Close All Editors/ }).first().click();
      await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached' });
      await page.keyboard.press('Control+P');
      await quickInput.waitFor();
      await page.keyboard.type('config.json');
      const row = quickInput.locator('.monaco-list-row', { hasText: 'config.json' }).filter({ hasText: '.docker' }).first();
      await row.waitFor();
      await page.keyboard.press('Enter');
      await activeTab.filter({ hasText: 'config.json' }).waitFor();
      await editorLines.filter({ hasText: HUB_KEY }).waitFor();
    });

    await step('our problem in the Problems panel (Ctrl+Shift+M)', async () => {
      await editorLines.click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('Control+Shift+M');
      await problems.waitFor();
      const row = problems.locator('.monaco-list-row', { hasText: EMPTY_HUB });
      await row.waitFor();
      const text = await row.innerText();
      for (const part of [SOURCE, 'empty-auth', '[Ln 3, Col 3]']) assert.ok(text.includes(part), `"${part}" not in the row: ${text}`);
      const fileRow = await problems.locator('.monaco-list-row').first().getAttribute('aria-label');
      assert.match(fileRow, /^\d+ problems in file config\.json of folder \.docker$/);
      await row.click(); // selects it and shows its place in the editor
      await row.and(page.locator('.selected')).waitFor();
      await row.locator('.markers-panel-action-quickfix:not(.disabled)').waitFor(); // its light bulb: a quick fix exists
      await page.locator('.breadcrumbs-control .monaco-breadcrumb-item', { hasText: HUB_KEY }).waitFor(); // the place, above the editor
      await page.mouse.move(NEUTRAL.x, NEUTRAL.y);
      await page.locator('.editor-instance .monaco-editor .squiggly-warning').first().waitFor({ state: 'attached' });
      await screenshot('diagnostics');
    });

    await step('hover an auth value: the decoded credentials', async () => {
      await page.keyboard.press('Control+J'); // the panel away: room for the hover
      await problems.waitFor({ state: 'hidden' });
      await editorLines.click({ position: { x: 5, y: 5 } }); // the cursor to line 1: no light bulb in the picture
      await page.locator('.editor-instance .lightBulbWidget').first().waitFor({ state: 'hidden' });
      const value = editorLines.locator('span span', { hasText: HUB_AUTH }).last();
      await value.hover();
      const hover = page.locator('.monaco-hover', { hasText: 's3cret' });
      await hover.waitFor();
      const text = await hover.innerText();
      for (const part of ['Decoded "auth" (base64 of username:password)', 'Username: alice', 'Password: s3cret', 'base64 is an encoding, not encryption']) {
        assert.ok(text.includes(part), `"${part}" not in the hover: ${text}`);
      }
      // The problems at this place come first in the hover: scroll it, as a person would, until the password shows.
      const passwordShown = () => hover.evaluate((h) => {
        const li = [...h.querySelectorAll('li')].find((e) => e.textContent.includes('Password'));
        const [box, item] = [h.getBoundingClientRect(), li?.getBoundingClientRect()];
        return !!item && item.top >= box.top && item.bottom <= box.bottom;
      });
      for (let i = 0; i < 5 && !(await passwordShown()); i++) {
        const box = await hover.boundingBox();
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await page.mouse.wheel(0, 120);
        await page.waitForTimeout(100); // the scroll to render
      }
      assert.ok(await passwordShown(), 'the decoded password is visible in the hover');
      await value.hover(); // back on the value (the hover's scroll bar hides once the mouse is off it)
      await screenshot('hover');
      await page.mouse.move(NEUTRAL.x, NEUTRAL.y); // away from the hover
      await page.keyboard.press('Escape');
      await hover.waitFor({ state: 'hidden' });
    });

    await step('cursor on the empty entry, Ctrl+. and "Remove the empty entry …": the text changes', async () => {
      await editorLines.locator('span span', { hasText: HUB_KEY }).last().click();
      await page.mouse.move(NEUTRAL.x, NEUTRAL.y);
      await page.locator('.editor-instance .lightBulbWidget').first().waitFor(); // the light bulb a person sees
      await page.keyboard.press('Control+.');
      const menu = page.locator('.action-widget');
      const fix = menu.locator('.monaco-list-row', { hasText: `Remove the empty entry "${HUB_KEY}"` });
      await fix.waitFor();
      await screenshot('quickfix');
      // The keyboard, as the menu expects (it blocks the pointer until the mouse moves over it).
      for (let i = 0; i < 10 && !(await fix.getAttribute('class')).split(' ').includes('focused'); i++) await page.keyboard.press('ArrowDown');
      await fix.and(page.locator('.focused')).waitFor();
      await page.keyboard.press('Enter');
      await menu.waitFor({ state: 'hidden' });
      await editorLines.filter({ hasNotText: HUB_KEY }).waitFor(); // line 3 is gone from the editor
      await editorLines.filter({ hasText: '"ghcr.io"' }).waitFor();
      await page.keyboard.press('Control+S');
      const expected = original.replace(`\t\t"${HUB_KEY}": {},\n`, ''); // only the empty entry goes, the rest byte for byte
      assert.notEqual(expected, original);
      const deadline = Date.now() + WAIT_MS;
      while (readFileSync(demoFile, 'utf8') !== expected && Date.now() < deadline) await page.waitForTimeout(100);
      assert.equal(readFileSync(demoFile, 'utf8'), expected, 'the saved file');
    });

    await step('Ctrl+C stops npm start and its code-server', async () => {
      await session.browser.close();
      session.browser = undefined;
      editor.child.kill('SIGINT');
      const code = await Promise.race([editor.exited, delay(20_000, 'still running after 20 s')]);
      assert.equal(code, 0, editor.output());
      for (let i = 0; i < 50 && liveInGroup(session.serverPid).length > 0; i++) await delay(100); // SIGKILLed ones: a moment
      assert.deepEqual(liveInGroup(session.serverPid), [], 'code-server and its processes have stopped');
    });
    t.diagnostic(`all steps in ${since(started)}`);
  } finally {
    await session.close();
  }
});
