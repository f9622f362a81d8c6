/**
 * "Which credentials will docker use for this image?" in words: the command line's `resolve` (text
 * output) and the editor's Which Credentials command say it with the same phrases, written here once.
 * Everything that comes from the file or a helper (keys, helper names, usernames, the file's name, helper
 * messages) goes through `printable`; the command line still passes each line through `outputLine`.
 */
import { printable } from './display';
import { helperExecutable } from './docker/helperNames';
import { t } from './l10n';
import { Resolution } from './resolve';

export interface ResolutionText {
  /**
   * Labelled lines, the labels aligned in each language: `registry:`, `key:`, `source:`, then `username:`,
   * `helper:` and `note:` lines when there is something to say.
   */
  lines: string[];
  /** The same facts as one paragraph, for a notification: `IMAGE: registry …, key "…", source: …, username "…".` */
  paragraph: string;
}

type Note = { kind: 'helper' | 'note'; text: string };

/** Where docker takes the credentials from (the `source:` line). */
function sourceText(r: Resolution, file: string): string {
  const plain =
    r.source === 'auths'
      ? t('auths entry "{0}" in {1}', printable(r.entry ?? ''), printable(file))
      : r.entry
        ? t('nothing: auths entry "{0}" holds no credentials', printable(r.entry))
        : t('nothing: docker pulls anonymously');
  const executable = printable(helperExecutable(r.helper ?? ''));
  if (r.helperAnswer === 'failed') return t('{0} ({1} failed: docker pull and push fall back to this; docker create fails)', plain, executable);
  if (r.source === 'credHelpers' || r.source === 'credsStore') return t('{0} helper "{1}" ({2})', r.source, printable(r.helper ?? ''), executable);
  return plain;
}

/** What the helper answered, and several keys matching at once. */
function notesOf(r: Resolution): Note[] {
  const notes: Note[] = [];
  if (r.helperAnswer === 'not-found') notes.push({ kind: 'helper', text: t('no credentials for {0}: docker sends empty credentials (no fallback to auths); the registry answers "no basic auth credentials"', printable(r.key)) });
  if (r.helperError) notes.push({ kind: 'helper', text: printable(r.helperError) });
  if (r.candidates) notes.push({ kind: 'note', text: t('{0} keys match and none exactly; docker picks one at random: {1}', r.candidates.length, r.candidates.map(printable).join(', ')) });
  return notes;
}

/**
 * The resolution of `image` in words. `file`: the config file it was read from (named when docker takes
 * the plaintext entry).
 */
export function resolutionText(r: Resolution, where: { image: string; file: string }): ResolutionText {
  const source = sourceText(r, where.file);
  const username = r.username ? printable(r.username) : '';
  const notes = notesOf(r);
  const lines = [t('registry: {0}', printable(r.registry)), t('key:      {0}', printable(r.key)), t('source:   {0}', source)];
  if (username) lines.push(t('username: {0}', username));
  for (const n of notes) lines.push(n.kind === 'helper' ? t('helper:   {0}', n.text) : t('note:     {0}', n.text));
  const head = t('{0}: registry {1}, key "{2}", source: {3}{4}.', printable(where.image), printable(r.registry), printable(r.key), source, username ? t(', username "{0}"', username) : '');
  const paragraph = [head, ...notes.map((n) => (n.kind === 'helper' ? t('Helper: {0}.', n.text) : t('Note: {0}.', n.text)))].join(' ');
  return { lines, paragraph };
}
