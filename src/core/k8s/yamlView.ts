/**
 * Reading a parsed YAML document the way Kubernetes does: sigs.k8s.io/yaml decodes with go-yaml v2
 * (go.yaml.in/yaml/v2, decode.go `mapping` and `merge`), which resolves aliases and honours `<<` merge
 * keys. In a mapping the entries are applied in order, so a later key (or a later merge) overrides an
 * earlier one; a merged sequence of maps is applied last to first, so its earlier maps win.
 *
 * Nothing is expanded: a lookup follows aliases to the node they name, so a "billion laughs" document
 * costs no more than its text. Every walk is iterative and every (map, key) lookup is computed once,
 * so the work stays linear in the document whatever its nesting, aliasing or merge chains.
 */
import type * as YamlLib from 'yaml';
import type { Alias, Node, Pair, YAMLMap } from 'yaml';

type Lib = Pick<typeof YamlLib, 'isAlias' | 'isCollection' | 'isMap' | 'isNode' | 'isPair' | 'isScalar' | 'isSeq'>;

/** A key's pair, its value as written (possibly an alias) and the node that value stands for. */
export interface Found {
  pair: Pair;
  /** The value node in the mapping, as written: an alias stays an alias. */
  written?: Node;
  /** The node the value stands for: the anchored node when `written` is an alias. */
  node?: Node;
}

const PENDING = Symbol('pending');

interface Frame {
  map: YAMLMap;
  /** The next pair to look at, from the last down. */
  i: number;
  /** The maps of the merge key at `i`, in precedence order, while they are being searched. */
  sources?: YAMLMap[];
  j: number;
}

export class YamlView {
  /** Alias → the node of the last anchor of that name before it (document order). */
  private readonly targets = new Map<Alias, Node>();
  private readonly memo = new Map<string, Map<YAMLMap, Pair | null | typeof PENDING>>();
  /**
   * go-yaml refuses the document: an alias names no earlier anchor ("unknown anchor"), or names a
   * collection it sits inside ("anchor value contains itself"). Only such documents have cycles.
   */
  readonly broken: boolean = false;

  constructor(
    private readonly lib: Lib,
    root: unknown,
  ) {
    const anchors = new Map<string, Node>();
    const open = new Set<Node>(); // the collections the walk is inside
    const LEAVE = Symbol('leave');
    const stack: unknown[] = [root];
    while (stack.length > 0) {
      const n = stack.pop();
      if (n === LEAVE) {
        open.delete(stack.pop() as Node);
      } else if (lib.isPair(n)) {
        stack.push(n.value, n.key);
      } else if (lib.isAlias(n)) {
        const target = anchors.get(n.source);
        if (target) this.targets.set(n, target);
        if (!target || open.has(target)) this.broken = true;
      } else if (lib.isNode(n)) {
        if (n.anchor) anchors.set(n.anchor, n); // before its children: an alias inside names the node itself
        if (lib.isCollection(n)) {
          open.add(n);
          stack.push(n, LEAVE);
          for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i]);
        }
      }
    }
  }

  /** The node an alias names (undefined for an unknown anchor); any other node as it is. */
  deref(node: unknown): Node | undefined {
    if (this.lib.isAlias(node)) return this.targets.get(node);
    return this.lib.isNode(node) ? node : undefined;
  }

  /** The map a node is or names. */
  map(node: unknown): YAMLMap | undefined {
    const n = this.deref(node);
    return this.lib.isMap(n) ? n : undefined;
  }

  /** The items of the sequence a node is or names, each dereferenced. */
  seq(node: unknown): Node[] {
    const n = this.deref(node);
    if (!this.lib.isSeq(n)) return [];
    const out: Node[] = [];
    for (const item of n.items) {
      const d = this.deref(item);
      if (d) out.push(d);
    }
    return out;
  }

  /** The value of `key` in `map` as Kubernetes reads it, merge keys and aliases followed. */
  get(map: YAMLMap, key: string): Found | undefined {
    const pair = this.pair(map, key);
    if (!pair) return undefined;
    const written = this.lib.isNode(pair.value) ? pair.value : undefined;
    return { pair, written, node: this.deref(written) };
  }

  /** A string value of `key`, as Go would decode a plain or quoted scalar. */
  string(map: YAMLMap, key: string): string | undefined {
    const found = this.get(map, key);
    const node = found?.node;
    return this.lib.isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
  }

  private isMergeKey(key: unknown): boolean {
    // With `merge: true` the parser gives a plain or `!!merge`-tagged `<<` a symbol value; a quoted "<<" stays a string.
    return this.lib.isScalar(key) && typeof key.value === 'symbol';
  }

  private keyIs(key: unknown, name: string): boolean {
    const k = this.deref(key);
    return this.lib.isScalar(k) && k.value === name;
  }

  /** The maps a merge key's value brings in, the one that wins first. */
  private mergeSources(value: unknown): YAMLMap[] {
    const v = this.deref(value);
    if (this.lib.isMap(v)) return [v];
    const out: YAMLMap[] = [];
    if (this.lib.isSeq(v)) {
      for (const item of v.items) {
        const m = this.map(item);
        if (m) out.push(m);
      }
    }
    return out;
  }

  /** The pair that gives `key` its value in `map`: iterative, each (map, key) searched once, cycles read as absent. */
  private pair(map: YAMLMap, key: string): Pair | null {
    let memo = this.memo.get(key);
    if (!memo) this.memo.set(key, (memo = new Map()));
    const known = memo.get(map);
    if (known !== undefined) return known === PENDING ? null : known;
    const start = (m: YAMLMap): Frame => {
      memo.set(m, PENDING);
      return { map: m, i: m.items.length - 1, j: 0 };
    };
    const stack: Frame[] = [start(map)];
    let returned: Pair | null | undefined;
    frames: while (stack.length > 0) {
      const f = stack[stack.length - 1];
      let result: Pair | null | undefined;
      if (f.sources) {
        if (returned !== undefined) {
          if (returned) result = returned;
          else f.j++;
          returned = undefined;
        }
        while (result === undefined && f.j < f.sources.length) {
          const source = f.sources[f.j];
          const done = memo.get(source);
          if (done === undefined) {
            stack.push(start(source));
            continue frames;
          }
          if (done !== PENDING && done !== null) result = done;
          else f.j++;
        }
        if (result === undefined) {
          f.sources = undefined;
          f.i--;
        }
      }
      while (result === undefined && f.i >= 0) {
        const p = f.map.items[f.i] as Pair;
        if (this.isMergeKey(p.key)) {
          f.sources = this.mergeSources(p.value);
          f.j = 0;
          continue frames;
        }
        if (this.keyIs(p.key, key)) result = p;
        else f.i--;
      }
      memo.set(f.map, result ?? null);
      stack.pop();
      returned = result ?? null;
    }
    return returned ?? null;
  }
}

/** A stretch of the text holding one YAML document. */
export interface Segment {
  start: number;
  end: number;
  /** Where the nesting first went past the limit. */
  at: number;
}

/**
 * The documents of a YAML stream that nest deeper than `limit`, found by the lexer alone (a flat
 * state machine, linear in the text) before the recursive parser ever sees them. The depth counted is
 * an upper bound: open flow collections, plus open block indentation levels, plus the block
 * indicators (`- `, `? `, `: `) on the current line. The yaml package's composer recurses once per
 * level and gives up near a thousand levels; a document over the limit is better left unparsed.
 */
export function deepDocuments(lib: Pick<typeof YamlLib, 'Lexer' | 'CST'>, text: string, limit: number): Segment[] {
  const { SCALAR, DOCUMENT, FLOW_END } = lib.CST;
  const out: Segment[] = [];
  let offset = 0;
  let start = 0;
  let deepAt = -1;
  let flow = 0;
  let indents: number[] = []; // columns of the open block levels
  let indicators = 0; // block indicators on this line
  let column = 0; // leading spaces of this line
  let lineStart = true;
  let scalarNext = false;
  const boundary = (at: number) => {
    if (deepAt >= 0) out.push({ start, end: at, at: deepAt });
    start = at;
    deepAt = -1;
    flow = 0;
    indents = [];
  };
  for (const token of new lib.Lexer().lex(text)) {
    if (token === SCALAR) {
      scalarNext = true;
      continue;
    }
    if (token === DOCUMENT || token === FLOW_END) continue;
    const at = offset;
    offset += token.length;
    const scalar = scalarNext; // the scalar's own text: nothing in it nests
    scalarNext = false;
    if (!scalar) {
      if (token === '---' || token === '...') {
        boundary(at);
        continue;
      }
      if (token === '' || token === '\n' || token === '\r\n') {
        lineStart = true;
        column = 0;
        indicators = 0;
        continue;
      }
      if (token[0] === ' ' || token[0] === '\t') {
        if (lineStart) column += token.length;
        continue;
      }
      if (token[0] === '#') continue;
    }
    if (lineStart && flow === 0) {
      while (indents.length > 0 && indents[indents.length - 1] > column) indents.pop();
      if (indents.length === 0 || indents[indents.length - 1] < column) indents.push(column);
    }
    lineStart = false;
    if (!scalar) {
      if (token === '{' || token === '[') flow++;
      else if (token === '}' || token === ']') flow = Math.max(0, flow - 1);
      else if ((token === '-' || token === '?' || token === ':') && flow === 0) indicators++;
    }
    if (deepAt < 0 && indents.length + indicators + flow > limit) deepAt = at;
  }
  boundary(offset);
  return out;
}
