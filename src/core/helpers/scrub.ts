// Scrubbing secrets out of text a credential helper wrote. The client never echoes a helper's error
// text (it classifies the failure instead); this is for the few helper texts that are shown (the
// version) and for telling whether a helper's answer (a username) carries a secret. One pass over
// the text with a combined matcher (Aho-Corasick over UTF-16 code units): linear in the text plus
// the total length of the forms, whatever the text holds; no regular expression runs on the text.

/** `***` in place of every secret. */
export const SCRUBBED = '***';

/** Go's encoding/json escapes these on top of the standard JSON escapes (docker-credential-helpers answers are Go JSON). */
const GO_ESCAPES: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/** The inside of a JSON string: standard escapes (`"`, `\`, control characters). */
const jsonInner = (s: string): string => JSON.stringify(s).slice(1, -1);
/** Go's form: `<`, `>`, `&`, U+2028 and U+2029 as `\u00XX`. */
const goInner = (s: string): string => jsonInner(s).replace(/[<>&\u2028\u2029]/g, (c) => GO_ESCAPES[c]);
/** Python's default (`ensure_ascii`): every non-ASCII UTF-16 unit as `\uXXXX`. */
const asciiOnly = (s: string): string => s.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

const urlAlphabet = (b64: string): string => b64.replace(/\+/g, '-').replace(/\//g, '_');

/**
 * Base64 of `bytes` wherever it sits in a longer base64 text: for each of the three alignments, the
 * characters of the 3-byte groups made of these bytes only (what the encoding of any text containing
 * them must contain), plus the whole padded and unpadded encoding. Standard and URL alphabets.
 */
function base64Forms(bytes: Buffer, into: Set<string>): void {
  const whole = bytes.toString('base64');
  for (const f of [whole, whole.replace(/=+$/, '')]) {
    into.add(f);
    into.add(urlAlphabet(f));
  }
  for (let k = 0; k <= 2; k++) {
    const shifted = Buffer.concat([Buffer.alloc(k), bytes]).toString('base64');
    const firstGroup = k === 0 ? 0 : 1; // with filler, group 0 mixes the k filler bytes with the secret
    const fullGroups = Math.floor((k + bytes.length) / 3);
    if (fullGroups - firstGroup < 2) continue; // too short to tell apart from ordinary text (the whole encoding is still there)
    const core = shifted.slice(firstGroup * 4, fullGroups * 4);
    into.add(core);
    into.add(urlAlphabet(core));
  }
}

/**
 * Every form a helper may print `secret` in: raw; JSON-escaped (standard, Go's `\u003c` `\u003e`
 * `\u0026`, ASCII-only `\u00e4`); base64 of each of those (standard and URL alphabets, padded or not,
 * at any alignment inside a longer base64 text); and base64 of `username:secret` when a username is given.
 */
export function secretForms(secret: string, username?: string): string[] {
  if (!secret) return [];
  const texts = new Set([secret, jsonInner(secret), goInner(secret), asciiOnly(jsonInner(secret)), asciiOnly(goInner(secret))]);
  const forms = new Set(texts);
  for (const t of texts) base64Forms(Buffer.from(t, 'utf8'), forms);
  if (username !== undefined) base64Forms(Buffer.from(`${username}:${secret}`, 'utf8'), forms);
  forms.delete('');
  return [...forms];
}

/**
 * A matcher for many strings at once (Aho-Corasick). Build once, then scan any number of texts.
 * Nodes are numbers; the root's transitions are a table by code unit, the others an open-addressing
 * hash table, so a scan costs a few array reads per code unit and allocates nothing.
 */
export class Scrubber {
  private readonly rootNext = new Int32Array(0x10000);
  private readonly keyNode: Int32Array;
  private readonly keyChar: Uint16Array;
  /** Child node for (keyNode, keyChar); 0 = empty slot (the root is nobody's child). */
  private readonly value: Int32Array;
  private readonly mask: number;
  /** Failure link: the node of the longest proper suffix that is also a prefix of some form. */
  private readonly fail: Int32Array;
  /** Length of the longest form ending at this node (itself or through its failure links), 0 for none. */
  private readonly longest: Int32Array;
  readonly empty: boolean;

  constructor(forms: Iterable<string>) {
    const list = [...forms].filter((f) => f.length > 0);
    let total = 1;
    for (const f of list) total += f.length;
    let size = 2;
    while (size < 2 * total) size *= 2;
    this.keyNode = new Int32Array(size);
    this.keyChar = new Uint16Array(size);
    this.value = new Int32Array(size);
    this.mask = size - 1;
    // Children as linked lists, for the breadth-first pass.
    const firstChild = new Int32Array(total).fill(-1);
    const nextSibling = new Int32Array(total).fill(-1);
    const edge = new Uint16Array(total);
    const ends = new Int32Array(total);
    let nodes = 1;
    for (const form of list) {
      let node = 0;
      for (let i = 0; i < form.length; i++) {
        const c = form.charCodeAt(i);
        let to = this.child(node, c);
        if (to === 0) {
          to = nodes++;
          edge[to] = c;
          nextSibling[to] = firstChild[node];
          firstChild[node] = to;
          if (node === 0) this.rootNext[c] = to;
          else this.put(node, c, to);
        }
        node = to;
      }
      ends[node] = form.length;
    }
    this.empty = nodes === 1;
    this.fail = new Int32Array(nodes);
    this.longest = new Int32Array(nodes);
    // Breadth first: a node's failure link is set before its children need it.
    const queue = new Int32Array(nodes);
    let tail = 0;
    for (let ch = firstChild[0]; ch !== -1; ch = nextSibling[ch]) queue[tail++] = ch;
    for (let head = 0; head < tail; head++) {
      const node = queue[head];
      this.longest[node] = ends[node] || this.longest[this.fail[node]];
      for (let ch = firstChild[node]; ch !== -1; ch = nextSibling[ch]) {
        const c = edge[ch];
        let f = this.fail[node];
        let to = this.child(f, c);
        while (to === 0 && f !== 0) {
          f = this.fail[f];
          to = this.child(f, c);
        }
        this.fail[ch] = to;
        queue[tail++] = ch;
      }
    }
  }

  private slot(node: number, c: number): number {
    return (Math.imul(node, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b)) & this.mask;
  }

  private put(node: number, c: number, to: number): void {
    let h = this.slot(node, c);
    while (this.value[h] !== 0) h = (h + 1) & this.mask;
    this.keyNode[h] = node;
    this.keyChar[h] = c;
    this.value[h] = to;
  }

  private child(node: number, c: number): number {
    if (node === 0) return this.rootNext[c];
    const { keyNode, keyChar, value, mask } = this;
    for (let h = this.slot(node, c); value[h] !== 0; h = (h + 1) & mask) {
      if (keyNode[h] === node && keyChar[h] === c) return value[h];
    }
    return 0;
  }

  /**
   * The stretches of `text` that forms cover, overlapping or touching ones merged, in order: pairs
   * (start, end exclusive). With `first`, stops at the first form found.
   */
  private covered(text: string, first = false): number[] {
    const runs: number[] = [];
    if (this.empty) return runs;
    const { rootNext, fail, longest } = this;
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (node === 0) {
        node = rootNext[c];
        if (node === 0) continue;
      } else {
        let to = this.child(node, c);
        while (to === 0 && node !== 0) {
          node = fail[node];
          to = this.child(node, c);
        }
        node = to;
      }
      const len = longest[node];
      if (len === 0) continue;
      // The longest form ending here. Ends only grow: merge with the runs it overlaps or touches
      // (each run is merged away once).
      let start = i + 1 - len;
      while (runs.length > 0 && start <= runs[runs.length - 1]) {
        runs.pop();
        start = Math.min(start, runs.pop()!);
      }
      runs.push(start, i + 1);
      if (first) break;
    }
    return runs;
  }

  /** Whether any form occurs in `text`. */
  contains(text: string): boolean {
    return this.covered(text, true).length > 0;
  }

  /** `text` with every stretch covered by forms (overlapping or touching ones merged) replaced by `***`. */
  scrub(text: string): string {
    const runs = this.covered(text);
    if (runs.length === 0) return text;
    const parts: string[] = [];
    let at = 0;
    for (let r = 0; r < runs.length; r += 2) {
      parts.push(text.slice(at, runs[r]), SCRUBBED);
      at = runs[r + 1];
    }
    parts.push(text.slice(at));
    return parts.join('');
  }
}

/** A scrubber for these secrets in all their forms (see `secretForms`). */
export function scrubberFor(secrets: ReadonlyArray<string | { secret: string; username?: string }>): Scrubber {
  const forms: string[] = [];
  for (const s of secrets) forms.push(...(typeof s === 'string' ? secretForms(s) : secretForms(s.secret, s.username)));
  return new Scrubber(forms);
}

/** `text` with every form of every secret replaced by `***`. Linear in the text. */
export function scrub(text: string, secrets: ReadonlyArray<string | { secret: string; username?: string }>): string {
  return scrubberFor(secrets).scrub(text);
}

/**
 * Whether `text` (a short answer of a helper, such as a username) holds a secret: it is one of the
 * forms of a secret, or contains a form of at least `minLength` characters. Shorter forms only count
 * whole, so a one-letter secret does not hide every name holding that letter.
 */
export function holdsSecret(text: string, secrets: ReadonlyArray<string | { secret: string; username?: string }>, minLength = 4): boolean {
  const forms: string[] = [];
  for (const s of secrets) forms.push(...(typeof s === 'string' ? secretForms(s) : secretForms(s.secret, s.username)));
  return forms.includes(text) || new Scrubber(forms.filter((f) => f.length >= minLength)).contains(text);
}
