// The one linearity check of the hostile suite: times run(make(n)) and run(make(factor·n)), best of `tries`, in
// turns so that a burst of load on the machine hits both sizes. A linear step takes about `factor` times as long,
// a quadratic one factor² times; the check allows `allowed` times (plus 100 ms of noise). Speed itself is measured
// by `npm run bench`, not here.
import assert from 'node:assert/strict';

function timed(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

export function assertLinear(
  make: (n: number) => string,
  run: (text: string) => unknown,
  n: number,
  { factor = 4, allowed = 12, tries = 5 }: { factor?: number; allowed?: number; tries?: number } = {},
): void {
  const small = make(n);
  const large = make(factor * n);
  run(small); // warm up
  let tSmall = Infinity;
  let tLarge = Infinity;
  for (let i = 0; i < tries; i++) {
    tSmall = Math.min(tSmall, timed(() => run(small)));
    tLarge = Math.min(tLarge, timed(() => run(large)));
  }
  assert.ok(tLarge < allowed * tSmall + 100,
    `${tSmall.toFixed(1)} ms at n = ${n} (${small.length} characters), ${tLarge.toFixed(1)} ms at ${factor * n} (${large.length}): not linear`);
}
