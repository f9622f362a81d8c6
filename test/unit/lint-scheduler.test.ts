// The linter's scheduling of changed documents (src/editor/scheduler.ts), on a fake clock: no real time passes.
import test from 'node:test';
import assert from 'node:assert/strict';
import { LintScheduler, Timers } from '../../src/editor/scheduler';

/** A clock that moves only when told: timers fire in order of their due time. */
class FakeClock implements Timers {
  now = 0;
  private next = 1;
  private readonly due = new Map<number, { at: number; run: () => void }>();
  setTimeout(run: () => void, ms: number): unknown {
    const id = this.next++;
    this.due.set(id, { at: this.now + ms, run });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.due.delete(handle as number);
  }
  get pending(): number {
    return this.due.size;
  }
  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      const [id, first] = [...this.due].sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0] ?? [];
      if (!first || first.at > end) break;
      this.due.delete(id);
      this.now = first.at;
      first.run();
    }
    this.now = end;
  }
}

function setup() {
  const clock = new FakeClock();
  const lints: Array<{ key: string; at: number }> = [];
  const scheduler = new LintScheduler<string>((key) => lints.push({ key, at: clock.now }), clock);
  return { clock, lints, scheduler };
}

test('a single change after a quiet period is linted at once, and nothing more follows', () => {
  const { clock, lints, scheduler } = setup();
  scheduler.changed('a', 150);
  assert.deepEqual(lints, [{ key: 'a', at: 0 }]);
  clock.advance(1000);
  assert.deepEqual(lints, [{ key: 'a', at: 0 }], 'no trailing lint without a further change');
  assert.equal(clock.pending, 0);
  scheduler.changed('a', 150);
  assert.deepEqual(lints.map((l) => l.at), [0, 1000], 'after the quiet period the next change is linted at once too');
});

test('a burst of typing lints at its first change and once after its last', () => {
  const { clock, lints, scheduler } = setup();
  for (let i = 0; i < 20; i++) {
    scheduler.changed('a', 150);
    clock.advance(50); // a keystroke every 50 ms for a second
  }
  assert.deepEqual(lints.map((l) => l.at), [0], 'no lint while the typing goes on');
  assert.ok(scheduler.busy('a'));
  clock.advance(150);
  // the last change came at 950 ms: linted 150 ms later
  assert.deepEqual(lints.map((l) => l.at), [0, 1100]);
  assert.ok(!scheduler.busy('a'));
  assert.equal(clock.pending, 0);
});

test('a change just inside the wait joins the burst; one just after it starts a new one', () => {
  const { clock, lints, scheduler } = setup();
  scheduler.changed('a', 150);
  clock.advance(149);
  scheduler.changed('a', 150); // inside: waits
  assert.equal(lints.length, 1);
  clock.advance(150);
  assert.deepEqual(lints.map((l) => l.at), [0, 299]);
  clock.advance(1);
  scheduler.changed('a', 150); // after the quiet period: at once
  assert.deepEqual(lints.map((l) => l.at), [0, 299, 300]);
});

test('documents are scheduled apart: a burst in one does not hold back another', () => {
  const { clock, lints, scheduler } = setup();
  scheduler.changed('a', 150);
  clock.advance(10);
  scheduler.changed('a', 150);
  scheduler.changed('b', 150);
  assert.deepEqual(lints, [{ key: 'a', at: 0 }, { key: 'b', at: 10 }]);
  clock.advance(150);
  assert.deepEqual(lints.slice(2), [{ key: 'a', at: 160 }], 'b had no change after its leading lint');
});

test('wait 0 lints every change at once and leaves no timer', () => {
  const { clock, lints, scheduler } = setup();
  scheduler.changed('a', 150);
  scheduler.changed('a', 150); // pending trailing lint
  scheduler.changed('a', 0);
  scheduler.changed('a', 0);
  assert.equal(lints.length, 3);
  assert.equal(clock.pending, 0, 'the pending trailing lint was dropped: the change was linted at once');
  clock.advance(1000);
  assert.equal(lints.length, 3);
});

test('cancel and dispose drop the pending lints and their timers', () => {
  const { clock, lints, scheduler } = setup();
  scheduler.changed('a', 150);
  scheduler.changed('a', 150);
  scheduler.changed('b', 150);
  scheduler.changed('b', 150);
  scheduler.cancel('a');
  assert.ok(!scheduler.busy('a'));
  clock.advance(150);
  assert.deepEqual(lints.map((l) => l.key), ['a', 'b', 'b'], 'a closed: no trailing lint for it');
  scheduler.changed('c', 150);
  scheduler.changed('c', 150);
  scheduler.dispose();
  assert.equal(clock.pending, 0);
  clock.advance(1000);
  assert.deepEqual(lints.map((l) => l.key), ['a', 'b', 'b', 'c']);
});
