// readConfigText (src/cli/files.ts) reads a file in one buffer of its stated size + 1 and takes more only when the file
// is longer than it said: the text is whole at every size around the buffer and chunk boundaries, and for files that
// state no size (/proc).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readConfigText } from '../../src/cli/files';

const MIB = 1024 * 1024;

test('readConfigText: whole text at sizes around the buffer and 1 MiB chunk boundaries', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dcg-read-'));
  try {
    for (const size of [0, 1, 2, 4095, 4096, 4097, 65535, 65536, 65537, MIB - 1, MIB, MIB + 1, 2 * MIB + 3]) {
      const text = Array.from({ length: size }, (_, i) => String.fromCharCode(97 + (i % 26))).join('');
      const file = path.join(dir, `f${size}`);
      fs.writeFileSync(file, text);
      const r = readConfigText(file);
      assert.ok(r.ok, `size ${size}`);
      assert.equal(r.ok && r.text.length, size, `size ${size}`);
      assert.ok(r.ok && r.text === text, `size ${size}: text differs`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('readConfigText: a file that states 0 bytes (/proc) is read whole', { skip: !fs.existsSync('/proc/self/status') && 'no /proc' }, () => {
  assert.equal(fs.statSync('/proc/self/status').size, 0);
  const r = readConfigText('/proc/self/status');
  assert.ok(r.ok);
  assert.match(r.ok ? r.text : '', /^Name:[\s\S]*\nPid:\s+\d+[\s\S]*\n$/);
});
