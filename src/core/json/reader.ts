/**
 * The one JSON reader. `readJson` reads any text the way docker's strict decoder does and keeps a light,
 * typed view of the parts that matter (values down to MAX_DEPTH, with offsets), reporting every problem
 * in text order; duplicate keys are all kept (the model decides as Go does: last one wins, objects merge).
 *
 * Underneath is jsonc-parser's `visit` (lenient reading with the same error recovery and the same events),
 * without recursion: the open containers live on an explicit stack, so a file nested a million levels deep
 * is read in linear time instead of overflowing the call stack. It also reports where Go's decoder gives up
 * on nesting: encoding/json's scanner stops at more than 10,000 open arrays and objects ("exceeded max
 * depth", `maxNestingDepth` in encoding/json/scanner.go), and docker then ignores the file like any syntax
 * error. Comments are refused and trailing commas are errors, as in docker's strict reading.
 */
import { JSONPath, ParseErrorCode, ScanError, SyntaxKind, createScanner } from 'jsonc-parser';

export type ValueType = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

/** A JSON value. Objects down to MAX_DEPTH carry their properties, arrays their items. */
export interface JsonValue {
  type: ValueType;
  offset: number;
  length: number;
  /** The value of a string, number, boolean or null. */
  value?: string | number | boolean | null;
  props?: Prop[];
  items?: JsonValue[];
}

export interface Prop {
  key: string;
  keyOffset: number;
  keyLength: number;
  value: JsonValue;
  /** The object holding this property (undefined for top-level properties). */
  owner: Prop | undefined;
}

export interface SyntaxIssue {
  /** `bom`: a UTF-8 byte order mark; `depth`: nested deeper than Go's decoder reads (GO_MAX_DEPTH). */
  code: ParseErrorCode | 'bom' | 'depth';
  offset: number;
  length: number;
}

export interface ReadOptions {
  /** The file on disk starts with a UTF-8 BOM that the host already removed from `text`. */
  bom?: boolean;
}

export interface ReadResult {
  root: JsonValue | undefined;
  /** Problems in docker's strict reading, in text order. */
  syntax: SyntaxIssue[];
}

/** Go's encoding/json `maxNestingDepth`: a 10,001st open array or object is an error. */
export const GO_MAX_DEPTH = 10000;

export interface JsonVisitor {
  onObjectBegin(offset: number, length: number): void;
  onObjectEnd(offset: number, length: number): void;
  onArrayBegin(offset: number, length: number): void;
  onArrayEnd(offset: number, length: number): void;
  onObjectProperty(key: string, offset: number, length: number): void;
  onLiteralValue(value: string | number | boolean | null, offset: number, length: number): void;
  /** `depth`: the first container nested deeper than GO_MAX_DEPTH (reported once). */
  onError(code: ParseErrorCode | 'depth', offset: number, length: number): void;
}

interface Open {
  object: boolean;
  needsComma: boolean;
}

/** Reads `text` like jsonc-parser's `visit(text, visitor, { disallowComments: true, allowEmptyContent: true })`. Linear, no recursion. */
export function visitJson(text: string, visitor: JsonVisitor): void {
  const scanner = createScanner(text, false);
  const stack: Open[] = [];
  let depthReported = false;

  const error = (code: ParseErrorCode, skipUntilAfter: SyntaxKind[] = [], skipUntil: SyntaxKind[] = []) => {
    visitor.onError(code, scanner.getTokenOffset(), scanner.getTokenLength());
    if (skipUntilAfter.length + skipUntil.length === 0) return;
    let token = scanner.getToken();
    while (token !== SyntaxKind.EOF) {
      if (skipUntilAfter.includes(token)) {
        next();
        break;
      }
      if (skipUntil.includes(token)) break;
      token = next();
    }
  };

  const next = (): SyntaxKind => {
    for (;;) {
      const token = scanner.scan();
      switch (scanner.getTokenError()) {
        case ScanError.InvalidUnicode:
          error(ParseErrorCode.InvalidUnicode);
          break;
        case ScanError.InvalidEscapeCharacter:
          error(ParseErrorCode.InvalidEscapeCharacter);
          break;
        case ScanError.UnexpectedEndOfNumber:
          error(ParseErrorCode.UnexpectedEndOfNumber);
          break;
        case ScanError.UnexpectedEndOfString:
          error(ParseErrorCode.UnexpectedEndOfString);
          break;
        case ScanError.InvalidCharacter:
          error(ParseErrorCode.InvalidCharacter);
          break;
      }
      switch (token) {
        case SyntaxKind.LineCommentTrivia:
        case SyntaxKind.BlockCommentTrivia:
          error(ParseErrorCode.InvalidCommentToken);
          break;
        case SyntaxKind.Unknown:
          error(ParseErrorCode.InvalidSymbol);
          break;
        case SyntaxKind.Trivia:
        case SyntaxKind.LineBreakTrivia:
          break;
        default:
          return token;
      }
    }
  };

  /** Starts a value: a literal is read whole, a container is opened. False: no value here. */
  const value = (): boolean => {
    const token = scanner.getToken();
    const offset = scanner.getTokenOffset();
    const length = scanner.getTokenLength();
    switch (token) {
      case SyntaxKind.OpenBracketToken:
      case SyntaxKind.OpenBraceToken: {
        const object = token === SyntaxKind.OpenBraceToken;
        if (stack.length === GO_MAX_DEPTH && !depthReported) {
          depthReported = true;
          visitor.onError('depth', offset, length);
        }
        if (object) visitor.onObjectBegin(offset, length);
        else visitor.onArrayBegin(offset, length);
        stack.push({ object, needsComma: false });
        next();
        return true;
      }
      case SyntaxKind.StringLiteral:
        visitor.onLiteralValue(scanner.getTokenValue(), offset, length);
        break;
      case SyntaxKind.NumericLiteral: {
        let n = Number(scanner.getTokenValue());
        if (isNaN(n)) {
          error(ParseErrorCode.InvalidNumberFormat);
          n = 0;
        }
        visitor.onLiteralValue(n, offset, length);
        break;
      }
      case SyntaxKind.NullKeyword:
        visitor.onLiteralValue(null, offset, length);
        break;
      case SyntaxKind.TrueKeyword:
        visitor.onLiteralValue(true, offset, length);
        break;
      case SyntaxKind.FalseKeyword:
        visitor.onLiteralValue(false, offset, length);
        break;
      default:
        return false;
    }
    next();
    return true;
  };

  next();
  if (scanner.getToken() === SyntaxKind.EOF) return;
  if (!value()) {
    error(ParseErrorCode.ValueExpected);
    return;
  }
  while (stack.length) {
    const open = stack[stack.length - 1];
    const close = open.object ? SyntaxKind.CloseBraceToken : SyntaxKind.CloseBracketToken;
    const token = scanner.getToken();
    if (token === close || token === SyntaxKind.EOF) {
      // the container ends (jsonc-parser's parseObject / parseArray after their loop)
      stack.pop();
      if (open.object) visitor.onObjectEnd(scanner.getTokenOffset(), scanner.getTokenLength());
      else visitor.onArrayEnd(scanner.getTokenOffset(), scanner.getTokenLength());
      if (token !== close) error(open.object ? ParseErrorCode.CloseBraceExpected : ParseErrorCode.CloseBracketExpected, [close], []);
      else next();
      continue;
    }
    if (token === SyntaxKind.CommaToken) {
      if (!open.needsComma) error(ParseErrorCode.ValueExpected);
      next();
    } else if (open.needsComma) error(ParseErrorCode.CommaExpected);
    // the member is read now, or its container is opened: either way a comma comes next
    open.needsComma = true;
    if (!open.object) {
      if (!value()) error(ParseErrorCode.ValueExpected, [], [SyntaxKind.CloseBracketToken, SyntaxKind.CommaToken]);
      continue;
    }
    const after = [SyntaxKind.CloseBraceToken, SyntaxKind.CommaToken];
    if (scanner.getToken() !== SyntaxKind.StringLiteral) {
      error(ParseErrorCode.PropertyNameExpected, [], after);
      error(ParseErrorCode.ValueExpected, [], after);
      continue;
    }
    visitor.onObjectProperty(scanner.getTokenValue(), scanner.getTokenOffset(), scanner.getTokenLength());
    next();
    if (scanner.getToken() === SyntaxKind.ColonToken) {
      next();
      if (!value()) error(ParseErrorCode.ValueExpected, [], after);
    } else error(ParseErrorCode.ColonExpected, [], after);
  }
  if (scanner.getToken() !== SyntaxKind.EOF) error(ParseErrorCode.EndOfFileExpected);
}

/** Objects deeper than this keep no properties (nothing docker reads lies deeper). */
export const MAX_DEPTH = 2;

/** Reads `text` (a leading BOM is reported and read as a space, so offsets stay those of `text`). */
export function readJson(text: string, options: ReadOptions = {}): ReadResult {
  const syntax: SyntaxIssue[] = [];
  let source = text;
  if (options.bom) syntax.push({ code: 'bom', offset: 0, length: 0 });
  if (text.charCodeAt(0) === 0xfeff) {
    syntax.push({ code: 'bom', offset: 0, length: 1 });
    source = ' ' + text.slice(1);
  }
  return { root: readValues(source, syntax), syntax };
}

interface Frame {
  value: JsonValue;
  /** The property whose value this container is. */
  prop: Prop | undefined;
  /** The key read last and not yet given a value (undefined: none). */
  key: string | undefined;
  keyOffset: number;
  keyLength: number;
}

/** The values of `text` down to MAX_DEPTH (visitJson's events, kept); each problem is added to `syntax`. */
export function readValues(text: string, syntax: SyntaxIssue[]): JsonValue | undefined {
  let root: JsonValue | undefined;
  const stack: Frame[] = [];
  let depth = -1; // depth of the innermost open container
  const attach = (value: JsonValue): Prop | undefined => {
    const frame = stack[stack.length - 1];
    if (!frame) {
      if (!root) root = value;
      return undefined;
    }
    if (frame.value.type === 'array') {
      frame.value.items!.push(value);
      return undefined;
    }
    const key = frame.key;
    if (key === undefined) return undefined;
    frame.key = undefined;
    const prop: Prop = { key, keyOffset: frame.keyOffset, keyLength: frame.keyLength, value, owner: frame.prop };
    frame.value.props!.push(prop);
    return prop;
  };
  const open = (type: 'object' | 'array', offset: number) => {
    depth++;
    if (depth > MAX_DEPTH + 1 || (stack.length && stack.length !== depth)) return;
    const value: JsonValue = { type, offset, length: 1 };
    const prop = attach(value);
    if (depth <= MAX_DEPTH) {
      if (type === 'object') value.props = [];
      else value.items = [];
      stack.push({ value, prop, key: undefined, keyOffset: 0, keyLength: 0 });
    }
  };
  const close = (offset: number, length: number) => {
    if (stack.length === depth + 1 && depth <= MAX_DEPTH) {
      const frame = stack.pop()!;
      frame.value.length = offset + length - frame.value.offset;
    } else if (depth === MAX_DEPTH + 1 && stack.length === depth) {
      // a container one level below the deepest tracked one: fix its length in its parent
      const parent = stack[stack.length - 1].value;
      const last = parent.props ? parent.props[parent.props.length - 1]?.value : parent.items![parent.items!.length - 1];
      if (last) last.length = offset + length - last.offset;
    }
    depth--;
  };
  visitJson(text, {
    onObjectBegin: (offset) => open('object', offset),
    onObjectEnd: (offset, length) => close(offset, length),
    onArrayBegin: (offset) => open('array', offset),
    onArrayEnd: (offset, length) => close(offset, length),
    onObjectProperty: (key, offset, length) => {
      if (stack.length === depth + 1) {
        const frame = stack[depth];
        frame.key = key;
        frame.keyOffset = offset;
        frame.keyLength = length;
      }
    },
    onLiteralValue: (value, offset, length) => {
      if (stack.length !== depth + 1 && depth !== -1) return;
      const type: ValueType = value === null ? 'null' : typeof value === 'string' ? 'string' : typeof value === 'number' ? 'number' : 'boolean';
      attach({ type, offset, length, value });
    },
    onError: (code, offset, length) => syntax.push({ code, offset, length }),
  });
  // unclosed containers (a truncated file) reach to the end of the text
  for (const frame of stack) frame.value.length = text.length - frame.value.offset;
  return root;
}

export function propsOf(value: JsonValue | undefined): Prop[] {
  return value?.props ?? [];
}

/** The JSON path of a property's value, e.g. ["auths", "ghcr.io", "auth"]. */
export function pathOf(prop: Prop): JSONPath {
  let depth = 0;
  for (let p: Prop | undefined = prop; p; p = p.owner) depth++;
  const path: JSONPath = new Array(depth);
  for (let p: Prop | undefined = prop; p; p = p.owner) path[--depth] = p.key;
  return path;
}
