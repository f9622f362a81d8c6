// `npm run test:integration [-- --extension-tests <entry.js> --workspace <folder> [--untrusted] [--timeout <s>]]`
// Runs a mocha tests entry (default: the integration suite) in a real VS Code through @vscode/test-electron's
// runTests(): here in code-server (test/host/code-server-as-vscode stands in for the VS Code executable), or,
// with VSCODE_TEST_HOST=electron, in desktop VS Code, which runTests() downloads (needs internet and a display).
import { runTests } from '@vscode/test-electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: v } = parseArgs({
  options: {
    'extension-tests': { type: 'string', default: path.join(ROOT, 'out/test/integration/index.js') },
    workspace: { type: 'string', default: path.join(ROOT, 'test/fixtures/workspace') },
    untrusted: { type: 'boolean' },
    timeout: { type: 'string' },
  },
});
const electron = process.env.VSCODE_TEST_HOST === 'electron';
if (electron && (v.untrusted || v.timeout)) {
  console.error('--untrusted and --timeout apply to the code-server host only');
  process.exit(2);
}

try {
  await runTests({
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: path.resolve(v['extension-tests']),
    launchArgs: [path.resolve(v.workspace), ...(v.untrusted ? ['--untrusted'] : []), ...(v.timeout ? [`--timeout=${v.timeout}`] : [])],
    ...(electron
      ? { version: '1.100.3' } // the VS Code that code-server 4.100.3 is built from
      : { vscodeExecutablePath: path.join(ROOT, 'test/host/code-server-as-vscode') }),
  });
} catch (e) {
  console.error(e.message);
  process.exit(e.code || 1);
}
