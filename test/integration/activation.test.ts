import * as assert from 'assert';
import * as vscode from 'vscode';

const EXTENSION_ID = 'docker-config-guard.docker-config-guard';
const extension = vscode.extensions.getExtension(EXTENSION_ID);
// Taken when mocha loads the test files, before any test has opened a document.
const activeBeforeAnyTest = extension?.isActive;

/** Resolves once `condition()` holds; polls, since VS Code has no event for an extension's activation. */
async function until(condition: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

suite('activation', () => {
  test('the extension is installed and not active before a JSON file is opened', () => {
    assert.ok(extension, `${EXTENSION_ID} not found`);
    assert.strictEqual(activeBeforeAnyTest, false);
  });

  test('opening a JSON file activates it, and activation throws nothing', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the tests need a workspace folder (test/fixtures/workspace)');
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, '.docker', 'config.json'));
    assert.strictEqual(doc.languageId, 'json');
    await vscode.window.showTextDocument(doc);
    await until(() => extension!.isActive, 'the extension is active');
    // activate() returns the activation that ran; it rejects if the extension's activate() threw.
    await extension!.activate();
  });
});
