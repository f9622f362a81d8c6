/** json-syntax: the text is not the strict JSON Go's decoder reads. Docker stops at the first problem. */
import { ParseErrorCode } from 'jsonc-parser';
import { ClientId, ClientReading, clientOf } from '../clients';
import { t } from '../l10n';
import { JsonValue, SyntaxIssue } from '../json/reader';
import { defineRule } from './types';

type Said = { client: ClientId };
const unread = (d: Said): string => clientOf(d.client).says.unreadable();

export const jsonSyntax = defineRule({
  meta: {
    id: 'json-syntax',
    title: () => t('Docker cannot parse the file'),
    severity: 'error',
    messages: {
      bomIgnored: { text: (d: Said) => t('The file starts with a UTF-8 byte order mark (BOM), which docker\'s JSON decoder rejects. {0} Save the file as UTF-8 without BOM.', unread(d)) },
      bomRefused: { text: (d: Said) => t('The text starts with a UTF-8 byte order mark (BOM), which Go\'s JSON decoder rejects. {0}', unread(d)) },
      trailingRead: { text: () => t('Text after the end of the top-level JSON value. Docker reads the first value and ignores the rest, but podman, skopeo and other strict readers reject the whole file.') },
      trailingRefused: { text: (d: Said) => t('Text after the end of the top-level JSON value. {0}', unread(d)) },
      depth: { text: (d: Said) => t('Arrays and objects nested more than 10,000 levels deep: Go\'s JSON decoder stops here ("exceeded max depth"). {0}', unread(d)) },
      trailingComma: { text: (d: Said & { char: string }) => t('Trailing comma: JSON allows no comma before "{0}". {1}', d.char, unread(d)) },
      invalid: { text: (d: Said & { code: number }) => t('{0}. {1}', syntaxDetail(d.code), unread(d)) },
      noValue: { text: (d: Said) => t('There is no JSON value here. {0}', unread(d)) },
    },
  },
  check({ model, syntax, client, report }) {
    const text = model.text;
    const data = { client: client.id };
    if (syntax.length === 0) {
      // Empty text: docker reads it as an empty config, but Go's json.Unmarshal (podman, the API server) fails.
      if (!model.root && client.emptyText === 'refused') report({ offset: 0, length: text.length, path: [], messageId: 'noValue', data });
      return;
    }
    const issue = syntax[0];
    const at = (offset: number, length: number) => ({ offset, length, path: [] });
    const clipped = at(Math.min(issue.offset, text.length), Math.max(0, Math.min(issue.length, text.length - issue.offset)));
    switch (kindOf(text, issue, model.root)) {
      case 'bom':
        return report({ ...clipped, messageId: client.unreadable === 'ignored' ? 'bomIgnored' : 'bomRefused', data });
      case 'trailing-text': {
        const rest = at(issue.offset, Math.max(0, text.length - issue.offset));
        return client.trailingText === 'read-first-value' ? report({ ...rest, messageId: 'trailingRead', data: {} }) : report({ ...rest, messageId: 'trailingRefused', data });
      }
      case 'depth':
        return report({ ...clipped, messageId: 'depth', data });
      case 'trailing-comma':
        return report({ ...at(text.lastIndexOf(',', issue.offset), 1), messageId: 'trailingComma', data: { ...data, char: text[issue.offset] } });
      default:
        return report({ ...clipped, messageId: 'invalid', data: { ...data, code: issue.code as ParseErrorCode } });
    }
  },
});

type IssueKind = 'bom' | 'trailing-text' | 'depth' | 'trailing-comma' | 'other';

/** What the first problem is, as the messages tell it. */
function kindOf(text: string, issue: SyntaxIssue, root: JsonValue | undefined): IssueKind {
  if (issue.code === 'bom') return 'bom';
  if (issue.code === ParseErrorCode.EndOfFileExpected || (root && issue.offset >= root.offset + root.length && issue.code !== ParseErrorCode.CloseBraceExpected)) return 'trailing-text';
  if (issue.code === 'depth') return 'depth';
  return isTrailingComma(text, issue) ? 'trailing-comma' : 'other';
}

/** Whether the client reads none of the text: any problem but text after the value, for a client that reads the first value. */
export function readsNothing(text: string, syntax: readonly SyntaxIssue[], root: JsonValue | undefined, client: ClientReading): boolean {
  if (syntax.length === 0) return false;
  return kindOf(text, syntax[0], root) !== 'trailing-text' || client.trailingText === 'refused';
}

function isTrailingComma(text: string, issue: SyntaxIssue): boolean {
  if (issue.code !== ParseErrorCode.PropertyNameExpected && issue.code !== ParseErrorCode.ValueExpected) return false;
  const ch = text[issue.offset];
  if (ch !== '}' && ch !== ']') return false;
  let i = issue.offset - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  return text[i] === ',';
}

function syntaxDetail(code: number): string {
  switch (code) {
    case ParseErrorCode.InvalidCommentToken:
      return t('Comments are not allowed in JSON');
    case ParseErrorCode.UnexpectedEndOfComment:
      return t('Unterminated comment');
    case ParseErrorCode.UnexpectedEndOfString:
      return t('Unterminated string');
    case ParseErrorCode.UnexpectedEndOfNumber:
    case ParseErrorCode.InvalidNumberFormat:
      return t('Invalid number');
    case ParseErrorCode.InvalidUnicode:
    case ParseErrorCode.InvalidEscapeCharacter:
      return t('Invalid escape sequence in a string');
    case ParseErrorCode.InvalidCharacter:
      return t('Control character in a string (write it as an escape such as \\n)');
    case ParseErrorCode.CloseBraceExpected:
      return t('Expected "}" (is the file cut short?)');
    case ParseErrorCode.CloseBracketExpected:
      return t('Expected "]" (is the file cut short?)');
    case ParseErrorCode.ColonExpected:
      return t('Expected ":" after the key');
    case ParseErrorCode.CommaExpected:
      return t('Expected "," between members');
    case ParseErrorCode.PropertyNameExpected:
      return t('Expected a key in double quotes');
    case ParseErrorCode.ValueExpected:
      return t('Expected a value');
    default:
      return t('Invalid JSON');
  }
}
