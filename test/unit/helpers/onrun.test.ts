import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { helperGet, helperStore, HelperRun } from '../../../src/core/helpers/client';
import { fakeHelperDir } from '../../support/fake-helper';

test('onRun reports helper, action, duration and outcome, and nothing of the input or output', async () => {
  const dir = fakeHelperDir();
  try {
    dir.write('echoer', 'cat > /dev/null; if [ "$1" = get ]; then echo "TOP-SECRET-OUT"; exit 1; fi; exit 0');
    const runs: HelperRun[] = [];
    const opts = { path: dir.path, onRun: (r: HelperRun) => runs.push(r) };
    await helperStore('echoer', { serverURL: 'r.example.com', username: 'u', secret: 'TOP-SECRET-IN' }, opts);
    await helperGet('echoer', 'r.example.com', opts);
    await helperGet('not-installed-anywhere', 'r.example.com', opts);
    assert.deepEqual(runs.map((r) => [r.helper, r.action, r.outcome]), [
      ['echoer', 'store', 'exit 0'],
      ['echoer', 'get', 'exit 1'],
    ]);
    for (const r of runs) assert.ok(r.ms >= 0 && !JSON.stringify(r).includes('TOP-SECRET'));
  } finally {
    dir.cleanup();
  }
});
