import * as assert from 'assert';
import { b64, cleanTempFiles, closeAll, hoverText, open, rangeOf, setSetting, tempFile } from './util';

suite('hovers', () => {
  suiteTeardown(async () => {
    await setSetting('hover.maskPasswords', undefined);
    await closeAll();
    cleanTempFiles();
  });

  const auth = b64('octocat:hunter2-pw');
  const text = `{\n  "auths": {\n    "ghcr.io": {"auth": "${auth}"},\n    "r.example.com": {"password": "pw"}\n  },\n  "credHelpers": {"gcr.io": "gcloud"}\n}\n`;

  test('an auth value shows the decoded username and password, with a warning', async () => {
    const uri = tempFile(text);
    const editor = await open(uri);
    const md = await hoverText(uri, rangeOf(editor.document, auth).start.translate(0, 3));
    assert.match(md, /octocat/);
    assert.match(md, /hunter2-pw/);
    assert.match(md, /not encryption/);
  });

  test('the password is masked when the setting says so', async () => {
    await setSetting('hover.maskPasswords', true);
    const uri = tempFile(text);
    const editor = await open(uri);
    const md = await hoverText(uri, rangeOf(editor.document, auth).start.translate(0, 3));
    assert.match(md, /octocat/);
    assert.doesNotMatch(md, /hunter2-pw/);
    assert.match(md, /•/);
    await setSetting('hover.maskPasswords', undefined);
  });

  test('a password field warns; a registry key tells where docker takes credentials', async () => {
    const uri = tempFile(text);
    const editor = await open(uri);
    assert.match(await hoverText(uri, rangeOf(editor.document, '"pw"').start.translate(0, 1)), /plain text/);
    const key = await hoverText(uri, rangeOf(editor.document, '"ghcr.io"').start.translate(0, 2));
    assert.match(key, /ghcr\.io/);
    assert.match(key, /from this entry/);
    const helperKey = await hoverText(uri, rangeOf(editor.document, '"gcr.io"').start.translate(0, 2));
    assert.match(helperKey, /gcloud/);
  });
});
