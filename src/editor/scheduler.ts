/**
 * When the linter lints a changed document (no VS Code API here, so the unit tests drive it with a fake clock).
 * A debounce with a leading and a trailing edge, per document:
 *  - the first change after a quiet period lints at once (a single edit gets its diagnostics without waiting);
 *  - the changes that follow within `waitMs` of the previous one are a burst of typing: they only restart the wait,
 *    and the document is linted once more when the typing has stopped for `waitMs` (the trailing edge), if a change
 *    came after the leading lint;
 *  - after that wait the period is quiet again.
 * A burst thus lints twice at most: at its first change and after its last. `waitMs` 0 lints on every change.
 */

export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

interface Burst {
  timer: unknown;
  /** A change came after the last lint of this burst: the trailing edge lints. */
  pending: boolean;
}

export class LintScheduler<K> {
  private readonly bursts = new Map<K, Burst>();

  /** `lint` is called with the key of the document to lint (it checks that the document is still open). */
  constructor(private readonly lint: (key: K) => void, private readonly timers: Timers = realTimers) {}

  /** `key` changed: lints now when it was quiet, else once the changes stop for `waitMs`. */
  changed(key: K, waitMs: number): void {
    const burst = this.bursts.get(key);
    if (waitMs <= 0) {
      this.cancel(key);
      this.lint(key);
      return;
    }
    if (!burst) {
      this.bursts.set(key, { timer: this.timers.setTimeout(() => this.quiet(key), waitMs), pending: false });
      this.lint(key);
      return;
    }
    this.timers.clearTimeout(burst.timer);
    burst.pending = true;
    burst.timer = this.timers.setTimeout(() => this.quiet(key), waitMs);
  }

  /** Whether `key` is in a burst (changed less than its wait ago). */
  busy(key: K): boolean {
    return this.bursts.has(key);
  }

  /** Forgets `key` (its document closed): no lint comes for it from here. */
  cancel(key: K): void {
    const burst = this.bursts.get(key);
    if (!burst) return;
    this.timers.clearTimeout(burst.timer);
    this.bursts.delete(key);
  }

  dispose(): void {
    for (const burst of this.bursts.values()) this.timers.clearTimeout(burst.timer);
    this.bursts.clear();
  }

  private quiet(key: K): void {
    const burst = this.bursts.get(key);
    if (!burst) return;
    this.bursts.delete(key);
    if (burst.pending) this.lint(key);
  }
}
