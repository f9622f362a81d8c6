// Issue 10: rules ask the client's data and never branch on its name; each client's reading is one file.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLIENTS } from '../../src/core/clients';

const root = path.resolve(__dirname, '../../..');
const rulesDir = path.join(root, 'src/core/rules');

test('no rule module compares a client id or names a client', () => {
  for (const name of fs.readdirSync(rulesDir)) {
    const source = fs.readFileSync(path.join(rulesDir, name), 'utf8');
    for (const [i, line] of source.split('\n').entries()) {
      assert.doesNotMatch(line, /\b(client|profile)\.id\s*[!=]==|[!=]==\s*'(docker|containers|kubelet)'|'(docker|containers|kubelet)'\s*[!=]==/, `${name}:${i + 1}: ${line}`);
      assert.doesNotMatch(line, /\b(DOCKER|CONTAINERS|KUBELET)\b|clients\/(docker|containers|kubelet)'/, `${name}:${i + 1} uses one client's record: ${line}`);
    }
  }
});

test('each client record is complete data: every fact set, its id its key', () => {
  const keys = Object.keys(CLIENTS.docker).sort();
  for (const [id, client] of Object.entries(CLIENTS)) {
    assert.equal(client.id, id);
    assert.deepEqual(Object.keys(client).sort(), keys, id);
    assert.deepEqual(Object.keys(client.messages).filter((k) => k !== 'emptyEntryStoreIgnored').sort(), Object.keys(CLIENTS.docker.messages).filter((k) => k !== 'emptyEntryStoreIgnored').sort(), id);
    for (const words of [client.says.unreadable(), client.says.ignoresKey('top'), client.says.decodedSecret(), client.says.plainSecret('password')]) assert.ok(words.length > 10, id);
  }
});
