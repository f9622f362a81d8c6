/**
 * jsonc-parser's `visit` (lenient reading with the same error recovery and the same events), without
 * recursion: the open containers live on an explicit stack, so a file nested a million levels deep is read
 * in linear time instead of overflowing the call stack. It also reports where Go's decoder gives up on
 * nesting: encoding/json's scanner stops at more than 10,000 open arrays and objects ("exceeded max depth",
 * `maxNestingDepth` in encoding/json/scanner.go), and docker then ignores the file like any syntax error.
 * Comments are refused and trailing commas are errors, as in docker's strict reading.
 */
import { ParseErrorCode, ScanError, SyntaxKind, createScanner } from 'jsonc-parser';

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

/** Reads `text` like jsonc-parser's `visit(text, visitor, { disallowComments: true, allowEmptyContent: true })`. */
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
