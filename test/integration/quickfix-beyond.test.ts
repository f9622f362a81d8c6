// Issue 12's quick fixes in the real editor: the editor asks our provider for the code actions at a diagnostic, the
// test applies the one a person would pick and checks the text (and that the diagnostic goes). Rules without a text
// fix (token-expired, a password in a proxy URL) offer none.
import * as assert from 'assert';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { diagnosticAt, diagnostics, quickFixes, until } from './support';
import { cleanTempFiles, closeAll, open, tempFile } from './util';

const b64url = (s: string): string => Buffer.from(s, 'utf8').toString('base64url');

/** Waits for the diagnostic of `rule` on `text`, applies its action titled `title`, returns the document's new text. */
async function apply(document: vscode.TextDocument, rule: string, text: string, title: string, others: string[] = []): Promise<string> {
  const diagnostic = await diagnosticAt(document, rule, text);
  const actions = await quickFixes(document, diagnostic);
  assert.deepStrictEqual(actions.map((a) => a.title).sort(), [title, ...others].sort());
  const action = actions.find((a) => a.title === title)!;
  assert.ok(action.edit, `"${title}" carries an edit`);
  assert.ok(await vscode.workspace.applyEdit(action.edit));
  return document.getText();
}

suite('quick fixes of issue 12', () => {
  suiteTeardown(async () => {
    await closeAll();
    cleanTempFiles();
  });

  test('context-not-found: set currentContext to a context that exists next to the file', async () => {
    const uri = tempFile('{\n  "currentContext": "gone"\n}\n');
    // docker context create remote: contexts/meta/<sha256 of the name>/meta.json next to config.json
    const meta = path.join(path.dirname(uri.fsPath), 'contexts', 'meta', createHash('sha256').update('remote').digest('hex'), 'meta.json');
    fs.mkdirSync(path.dirname(meta), { recursive: true });
    fs.writeFileSync(meta, JSON.stringify({ Name: 'remote', Metadata: {}, Endpoints: { docker: { Host: 'ssh://me@build.example' } } }));
    const { document } = await open(uri);
    const diagnostic = await diagnosticAt(document, 'context-not-found', '"gone"');
    assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.match(diagnostic.message, /context not found/);
    const preferred = (await quickFixes(document, diagnostic)).filter((a) => a.isPreferred).map((a) => a.title);
    assert.deepStrictEqual(preferred, ['Set currentContext to "default"']);
    assert.strictEqual(await apply(document, 'context-not-found', '"gone"', 'Set currentContext to "remote"', ['Set currentContext to "default"']), '{\n  "currentContext": "remote"\n}\n');
    await until(() => diagnostics(uri, 'context-not-found').length === 0, 'the diagnostic is gone');
  });

  test('registry-helper-as-store: ecr-login moves to credHelpers for the ECR hosts, credsStore goes', async () => {
    const ecr = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';
    const uri = tempFile(`{\n  "auths": {\n    "${ecr}": {}\n  },\n  "credsStore": "ecr-login"\n}\n`);
    const { document } = await open(uri);
    const after = await apply(document, 'registry-helper-as-store', '"ecr-login"', `Use "ecr-login" in credHelpers for ${ecr} and unset credsStore`);
    assert.strictEqual(after, `{\n  "auths": {\n    "${ecr}": {}\n  },\n  "credHelpers": {\n    "${ecr}": "ecr-login"\n  }\n}\n`);
    await until(() => diagnostics(uri, 'registry-helper-as-store').length === 0, 'the diagnostic is gone');
  });

  test('helper-not-found: a macOS keychain helper copied to Linux; the fix names a store helper installed here', async () => {
    // The runner's explicit PATH: the suite's own helpers (docker-credential-dcg-store) come first.
    const uri = tempFile('{\n  "auths": {\n    "ghcr.io": {}\n  },\n  "credsStore": "osxkeychain"\n}\n');
    const { document } = await open(uri);
    const diagnostic = await diagnosticAt(document, 'helper-not-found', '"osxkeychain"');
    assert.match(diagnostic.message, /macOS keychain helper and does not exist on this system/);
    const title = 'Use "dcg-store", a store helper installed here (nothing is moved: log in again)';
    assert.strictEqual(await apply(document, 'helper-not-found', '"osxkeychain"', title), '{\n  "auths": {\n    "ghcr.io": {}\n  },\n  "credsStore": "dcg-store"\n}\n');
    await until(() => diagnostics(uri, 'helper-not-found').length === 0, 'the diagnostic is gone');
  });

  test('token-expired: the diagnostic, and no text fix (the only action is moving the secret)', async () => {
    const token = `${b64url('{"alg":"RS256","typ":"JWT"}')}.${b64url(JSON.stringify({ sub: 'robot', exp: Math.floor(Date.now() / 1000) - 3600 }))}.c2ln`;
    const uri = tempFile(`{\n  "auths": {\n    "registry.example.com": {"identitytoken": "${token}"}\n  }\n}\n`);
    const { document } = await open(uri);
    const diagnostic = await diagnosticAt(document, 'token-expired', `"${token}"`);
    assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(diagnostic.message, /expired at \d{4}-\d\d-\d\dT/);
    assert.ok(!diagnostic.message.includes(token.split('.')[1]), 'the token is not in the message');
    const actions = await quickFixes(document, diagnostic);
    assert.deepStrictEqual(actions.map((a) => [a.title, a.edit === undefined, a.command?.command]), [['Move secret into credential helper…', true, 'dockerConfigGuard.moveSecrets']]);
  });

  test('plaintext-credential in a proxy URL: the diagnostic, no action (no credential helper holds a proxy password)', async () => {
    const url = 'http://user:proxy-Pw-77@proxy.example:3128';
    const uri = tempFile(`{\n  "proxies": {\n    "default": {"httpProxy": "${url}"}\n  }\n}\n`);
    const { document } = await open(uri);
    const diagnostic = await diagnosticAt(document, 'plaintext-credential', `"${url}"`);
    assert.match(diagnostic.message, /holds a password in plain text/);
    assert.ok(!diagnostic.message.includes('proxy-Pw-77'), 'the password is not in the message');
    assert.deepStrictEqual((await quickFixes(document, diagnostic)).map((a) => a.title), []);
  });
});
