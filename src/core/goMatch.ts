/**
 * Go's `path/filepath.Match` on Unix (Go 1.16 and later), which kubelet uses to compare one host part of an auths key
 * with one host part of an image (kubernetes pkg/credentialprovider keyring.go URLsMatch):
 * - `*` any run of non-`/` characters, `?` one non-`/` character, `\c` the character c;
 * - `[...]` a character class: `^` first negates it, `lo-hi` a range, `\c` an escaped character; it must be non-empty;
 * - a malformed pattern (`[`, `[]`, `[-x]`, `[a-b-c]`, a trailing `\`, ...) is ErrBadPattern: the match fails
 *   (kubelet then skips the key), also when the mismatch comes before the malformed part.
 * Like Go it works on UTF-8 bytes: literals compare bytes, `?` and classes read one rune, and a star skips one byte
 * at a time (so it can land inside a multi-byte character, which then reads as U+FFFD).
 *
 * Cost: Go's algorithm does not backtrack across stars: each star-led chunk is tried at each later position of the
 * name, so one match costs at most O(|pattern| x |name|). Every step is counted, and a match that would need more
 * than STEP_BUDGET(pattern, name) steps stops and fails with 'budget' instead of matching: the budget is linear in
 * the two lengths, and never reached by host parts of DNS size (63 bytes each need at most 64 x 64 steps).
 */

export type GoMatch = { matched: boolean; error?: 'bad-pattern' | 'budget' };

/** Linear in the two lengths; covers the full O(n x m) work of any pair up to 64 bytes each. */
export function stepBudget(patternBytes: number, nameBytes: number): number {
  return 64 * (patternBytes + nameBytes) + 4096;
}

const SEPARATOR = 0x2f; // '/'
const RUNE_ERROR = 0xfffd;

class BadPattern extends Error {}
class OutOfBudget extends Error {}

/** Go's utf8.DecodeRune: the rune at i and its width; an invalid or cut sequence reads as U+FFFD of width 1. */
export function decodeRune(b: Uint8Array, i: number): [number, number] {
  const c = b[i];
  if (c < 0x80) return [c, 1];
  let width: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (c >= 0xc2 && c <= 0xdf) width = 2;
  else if (c >= 0xe0 && c <= 0xef) {
    width = 3;
    if (c === 0xe0) lo = 0xa0;
    if (c === 0xed) hi = 0x9f;
  } else if (c >= 0xf0 && c <= 0xf4) {
    width = 4;
    if (c === 0xf0) lo = 0x90;
    if (c === 0xf4) hi = 0x8f;
  } else return [RUNE_ERROR, 1];
  if (i + width > b.length) return [RUNE_ERROR, 1];
  const c1 = b[i + 1];
  if (c1 < lo || c1 > hi) return [RUNE_ERROR, 1];
  for (let k = 2; k < width; k++) if (b[i + k] < 0x80 || b[i + k] > 0xbf) return [RUNE_ERROR, 1];
  if (width === 2) return [((c & 0x1f) << 6) | (c1 & 0x3f), 2];
  if (width === 3) return [((c & 0x0f) << 12) | ((c1 & 0x3f) << 6) | (b[i + 2] & 0x3f), 3];
  return [((c & 0x07) << 18) | ((c1 & 0x3f) << 12) | ((b[i + 2] & 0x3f) << 6) | (b[i + 3] & 0x3f), 4];
}

class Matcher {
  private steps = 0;
  constructor(
    private readonly p: Uint8Array,
    private readonly s: Uint8Array,
    private readonly budget: number,
  ) {}

  private step(): void {
    if (++this.steps > this.budget) throw new OutOfBudget();
  }

  /** scanChunk: whether stars lead the chunk at `at`; the chunk is p[start, end), up to the next star outside a class. */
  scanChunk(at: number): { star: boolean; start: number; end: number } {
    const p = this.p;
    let i = at;
    let star = false;
    while (i < p.length && p[i] === 0x2a) {
      i++;
      star = true;
    }
    const start = i;
    let inrange = false;
    for (; i < p.length; i++) {
      this.step();
      const c = p[i];
      if (c === 0x5c) {
        if (i + 1 < p.length) i++;
      } else if (c === 0x5b) inrange = true;
      else if (c === 0x5d) inrange = false;
      else if (c === 0x2a && !inrange) break;
    }
    return { star, start, end: i };
  }

  /** getEsc: a possibly escaped character of a class, and where the class goes on; throws BadPattern. */
  private getEsc(i: number, end: number): [number, number] {
    const p = this.p;
    if (i >= end || p[i] === 0x2d || p[i] === 0x5d) throw new BadPattern();
    if (p[i] === 0x5c) {
      i++;
      if (i >= end) throw new BadPattern();
    }
    const [r, n] = decodeRune(p, i);
    if (r === RUNE_ERROR && n === 1) throw new BadPattern();
    if (i + n >= end) throw new BadPattern();
    return [r, i + n];
  }

  /** matchChunk: the name position after the chunk p[start, end) matched at name position `at`, or -1; throws BadPattern. */
  matchChunk(start: number, end: number, at: number): number {
    const p = this.p;
    const s = this.s;
    let c = start;
    let j = at;
    let failed = false;
    while (c < end) {
      this.step();
      if (!failed && j >= s.length) failed = true;
      const op = p[c];
      if (op === 0x5b) {
        let r = 0;
        if (!failed) {
          const [rr, n] = decodeRune(s, j);
          r = rr;
          j += n;
        }
        c++;
        let negated = false;
        if (c < end && p[c] === 0x5e) {
          negated = true;
          c++;
        }
        let match = false;
        let nrange = 0;
        for (;;) {
          this.step();
          if (c < end && p[c] === 0x5d && nrange > 0) {
            c++;
            break;
          }
          const [lo, afterLo] = this.getEsc(c, end);
          let hi = lo;
          c = afterLo;
          if (p[c] === 0x2d) [hi, c] = this.getEsc(c + 1, end);
          if (lo <= r && r <= hi) match = true;
          nrange++;
        }
        if (match === negated) failed = true;
      } else if (op === 0x3f) {
        if (!failed) {
          if (s[j] === SEPARATOR) failed = true;
          j += decodeRune(s, j)[1];
        }
        c++;
      } else {
        if (op === 0x5c) {
          c++;
          if (c >= end) throw new BadPattern();
        }
        if (!failed) {
          if (p[c] !== s[j]) failed = true;
          j++;
        }
        c++;
      }
    }
    return failed ? -1 : j;
  }

  run(): boolean {
    const p = this.p;
    const s = this.s;
    let at = 0; // in the pattern
    let j = 0; // in the name
    pattern: while (at < p.length) {
      const { star, start, end } = this.scanChunk(at);
      at = end;
      if (star && start === end) return !s.subarray(j).includes(SEPARATOR);
      const t = this.matchChunk(start, end, j);
      if (t >= 0 && (t === s.length || at < p.length)) {
        j = t;
        continue;
      }
      if (star) {
        for (let i = j; i < s.length && s[i] !== SEPARATOR; i++) {
          const t2 = this.matchChunk(start, end, i + 1);
          if (t2 >= 0) {
            if (at >= p.length && t2 < s.length) continue;
            j = t2;
            continue pattern;
          }
        }
      }
      // Before failing, Go checks that the rest of the pattern is well formed.
      while (at < p.length) {
        const rest = this.scanChunk(at);
        at = rest.end;
        this.matchChunk(rest.start, rest.end, s.length);
      }
      return false;
    }
    return j === s.length;
  }
}

const META = /[*?[\\]/;

/** Go's filepath.Match(pattern, name) on Unix, within a step budget linear in the two lengths. */
export function goFilepathMatch(pattern: string, name: string): GoMatch {
  if (!META.test(pattern)) return { matched: pattern === name }; // no wildcard, no escape: Go compares the bytes
  const p = Buffer.from(pattern, 'utf8');
  const s = Buffer.from(name, 'utf8');
  try {
    return { matched: new Matcher(p, s, stepBudget(p.length, s.length)).run() };
  } catch (e) {
    if (e instanceof BadPattern) return { matched: false, error: 'bad-pattern' };
    if (e instanceof OutOfBudget) return { matched: false, error: 'budget' };
    throw e;
  }
}
