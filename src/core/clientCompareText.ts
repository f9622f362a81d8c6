/**
 * The side-by-side answer in words: one line when every client does the same, else a small table
 * (client | source | username | note). Markdown for the hover, plain lines for the command. Keys, helper names,
 * usernames and error details come from the file: code spans or markdownText in Markdown, printable in plain text.
 * Never a secret: the rows hold none.
 */
import { ClientRow, CompareClient, Note, SideBySide, SourceView } from './clientCompare';
import { markdownText, printable } from './display';
import { namedList, t } from './l10n';

/** How a value from the file is shown (q: a key, helper or username; p: a sentence part from outside, e.g. an error). */
interface Style {
  q(value: string): string;
  p(text: string): string;
}

function clientLabel(c: CompareClient): string {
  if (c === 'containers') return t('containers/image (podman, skopeo, buildah)');
  if (c === 'kubelet-copy') return t('kubelet (a pull secret made from this file)');
  return c;
}

function sourceCell(s: SourceView, st: Style): string {
  if (s.kind === 'helper') return t('helper {0} ({1})', st.q(s.helper), s.via);
  if (s.kind === 'entry') return t('entry {0}', st.q(s.key));
  return s.kind === 'error' ? t('error') : t('no credentials');
}

/** At most this many keys or usernames are listed in a cell (a crafted file may match thousands). */
const MAX_LISTED = 5;

function list(values: readonly string[], st: Style): string {
  return namedList(values.slice(0, MAX_LISTED).map(st.q), MAX_LISTED, values.length);
}

function usernameCell(u: ClientRow['usernames'], st: Style): string {
  if (u === 'helper') return t('from the helper');
  return u.length === 0 ? '—' : list(u, st);
}

function noteText(n: Note, st: Style): string {
  switch (n.id) {
    case 'fileIgnored':
      return t('ignores this file: it cannot parse it');
    case 'undecoded':
      return t('loads this file only in part: the "auth" goes to the registry undecoded');
    case 'randomPick':
      return t('several keys match and none exactly: one of {0} at random', list(n.keys, st));
    case 'emptyEntry':
      return t('{0} holds no credentials: pulls without any', st.q(n.key));
    case 'noEntry':
      return t('no entry for this registry: pulls without credentials');
    case 'movesOnEmpty':
      return t('{0} holds no "auth": moves on to the next file in its search order', st.q(n.key));
    case 'movesOnNoColon':
      return t('the "auth" of {0} has no ":": moves on to the next file in its search order', st.q(n.key));
    case 'movesOnNoEntry':
      return t('no entry here: moves on to the next file in its search order');
    case 'eachInTurn':
      return t('tries each matching entry in turn, most specific first');
    case 'noHelper':
      return t('runs no credential helper');
    case 'noCredsStore':
      return t('never runs credsStore');
    case 'hubHelperKey':
      return t('asks credHelpers only under "docker.io" for Docker Hub, never {0}', st.q(n.key));
    case 'error':
      return st.p(n.detail);
  }
}

function cells(r: ClientRow, st: Style): [string, string, string] {
  return [sourceCell(r.source, st), usernameCell(r.usernames, st), r.notes.map((n) => noteText(n, st)).join('; ')];
}

const PLAIN: Style = { q: (v) => `"${printable(v)}"`, p: printable };

/** Every client does the same (a single client always does). */
export function clientsAgree(s: SideBySide): boolean {
  const first = cells(s.rows[0], PLAIN).join('\n');
  return s.rows.every((r) => cells(r, PLAIN).join('\n') === first);
}

function summary(c: [string, string, string]): string {
  const [source, username, note] = c;
  return [source, username === '—' ? '' : t('username {0}', username), note].filter((x) => x !== '').join('; ');
}

function footnotes(s: SideBySide): string[] {
  return s.kind === 'docker' ? [t('Podman, skopeo and buildah read this file only when their own auth.json files have nothing for the registry.')] : [];
}

/** A table cell: no line break (printable), and `|` escaped so it stays in its cell (markdown-it drops the backslash). */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** The Markdown: a heading naming the image, then one line or the table, then what is true of the whole file. */
export function sideBySideMarkdown(s: SideBySide, code: (value: string) => string): string[] {
  const st: Style = { q: code, p: markdownText };
  const lines = [`**${t('Each client, for {0}', code(s.image))}**`, ''];
  const labels = s.rows.map((r) => clientLabel(r.client));
  if (clientsAgree(s)) {
    const text = summary(cells(s.rows[0], st));
    lines.push(s.rows.length > 1 ? t('{0} agree: {1}', labels.join(', '), text) : `${labels[0]}: ${text}`);
  } else {
    lines.push(`| ${t('Client')} | ${t('Source')} | ${t('Username')} | ${t('Note')} |`, '|---|---|---|---|');
    for (const r of s.rows) lines.push(`| ${[clientLabel(r.client), ...cells(r, st)].map(cell).join(' | ')} |`);
  }
  for (const f of footnotes(s)) lines.push('', `_${f}_`);
  return lines;
}

/** Plain lines (the command): one when every client does the same, else one per client. */
export function sideBySideText(s: SideBySide): string[] {
  const labels = s.rows.map((r) => clientLabel(r.client));
  if (clientsAgree(s)) {
    const text = summary(cells(s.rows[0], PLAIN));
    return [s.rows.length > 1 ? t('{0} agree: {1}', labels.join(', '), text) : `${labels[0]}: ${text}`, ...footnotes(s)];
  }
  return [...s.rows.map((r, i) => `${labels[i]}: ${summary(cells(r, PLAIN))}`), ...footnotes(s)];
}
