/**
 * Edit builders. Each fix is one minimal replacement of the original text, computed with
 * jsonc-parser's modify/applyEdits in the file's own indentation and line endings, so the rest
 * of the text stays byte for byte.
 */
import { FormattingOptions, JSONPath, applyEdits, findNodeAtLocation, modify, parseTree } from 'jsonc-parser';
import { Analysis, analyze } from './analyze';
import { Finding } from './findings';
import { t } from './l10n';
import { AuthEntry, ConfigModel, Prop, propsOf, secretFields } from './model';
import { DOCKER_HUB_KEY } from './registry';

export interface TextEdit {
  offset: number;
  length: number;
  content: string;
}

export type FixKind = 'remove-empty-entry' | 'remove-all-empty-entries' | 'strip-helper-prefix' | 'rename-key' | 'docker-hub-key' | 'add-hub-helper';

export interface Fix {
  kind: FixKind;
  title: string;
  /** A single edit against the analysed text. */
  edit: TextEdit;
  isPreferred?: boolean;
}

export function detectFormatting(text: string): FormattingOptions {
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  const indent = /^([ \t]+)\S/m.exec(text)?.[1] ?? '\t';
  const insertSpaces = !indent.startsWith('\t');
  return { eol, insertSpaces, tabSize: insertSpaces ? indent.length : 4 };
}

/** The smallest single replacement that turns `before` into `after`. */
export function minimalEdit(before: string, after: string): TextEdit {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  return { offset: start, length: endBefore - start, content: after.slice(start, endAfter) };
}

export function applyEdit(text: string, edit: TextEdit): string {
  return text.slice(0, edit.offset) + edit.content + text.slice(edit.offset + edit.length);
}

/**
 * Sets or removes the value at `path`. Values are set with jsonc-parser's modify in the file's
 * formatting. A property is removed with its comma and the white space up to its neighbour, so no
 * other line changes (modify would reformat the neighbours); an object left empty becomes `{}`.
 */
export function change(text: string, path: JSONPath, value: unknown): string {
  if (value !== undefined) {
    return applyEdits(text, modify(text, path, value, { formattingOptions: detectFormatting(text) }));
  }
  const root = parseTree(text, [], { allowEmptyContent: true });
  const valueNode = root && findNodeAtLocation(root, path);
  const prop = valueNode?.parent;
  const parent = prop?.parent;
  if (!prop || prop.type !== 'property' || !parent?.children) return text;
  const siblings = parent.children;
  const i = siblings.indexOf(prop);
  if (siblings.length === 1) {
    return text.slice(0, parent.offset) + '{}' + text.slice(parent.offset + parent.length);
  }
  if (i < siblings.length - 1) return text.slice(0, prop.offset) + text.slice(siblings[i + 1].offset);
  const prev = siblings[i - 1];
  return text.slice(0, prev.offset + prev.length) + text.slice(prop.offset + prop.length);
}

function renameKeyText(text: string, prop: Prop, newKey: string): string {
  return applyEdit(text, { offset: prop.keyOffset, length: prop.keyLength, content: JSON.stringify(newKey) });
}

/** A path is safe for modify() only when no key on it is written twice (modify takes the first). */
export function uniquePath(model: ConfigModel, entry: AuthEntry): JSONPath | undefined {
  const auths = entry.prop.owner;
  if (!auths) return undefined;
  if (model.topProps.filter((p) => p.key === auths.key).length !== 1) return undefined;
  if (propsOf(auths.value).filter((p) => p.key === entry.key).length !== 1) return undefined;
  return [auths.key, entry.key];
}

function entryAt(model: ConfigModel, finding: Finding): AuthEntry | undefined {
  return model.authEntries.find((e) => e.prop.keyOffset === finding.offset);
}

function siblingKeys(model: ConfigModel, prop: Prop): string[] {
  return (prop.owner ? propsOf(prop.owner.value) : model.topProps).map((p) => p.key);
}

/** Removes every empty auths entry docker reads; returns the new text and how many went. */
export function removeEmptyEntries(text: string, analysis: Analysis = analyze(text)): { text: string; removed: number } {
  const paths: JSONPath[] = [];
  for (const f of analysis.findings) {
    if (f.rule !== 'empty-auth') continue;
    const entry = entryAt(analysis.model, f);
    const path = entry && uniquePath(analysis.model, entry);
    if (path) paths.push(path);
  }
  let result = text;
  for (const path of paths) result = change(result, path, undefined);
  return { text: result, removed: paths.length };
}

export function fixesFor(text: string, finding: Finding, analysis: Analysis = analyze(text)): Fix[] {
  const model = analysis.model;
  const fixes: Fix[] = [];
  const push = (kind: FixKind, title: string, after: string, isPreferred = false) => {
    if (after !== text) fixes.push({ kind, title, edit: minimalEdit(text, after), isPreferred });
  };
  switch (finding.rule) {
    case 'empty-auth': {
      const entry = entryAt(model, finding);
      const path = entry && uniquePath(model, entry);
      if (path) push('remove-empty-entry', t('Remove the empty entry "{0}"', entry!.key), change(text, path, undefined), true);
      const all = removeEmptyEntries(text, analysis);
      if (all.removed > 1) push('remove-all-empty-entries', t('Remove all {0} empty entries', all.removed), all.text);
      break;
    }
    case 'helper-name': {
      const stripped = finding.data?.strippedHelper;
      if (stripped) {
        push('strip-helper-prefix', t('Use "{0}" (without the docker-credential- prefix)', stripped), applyEdit(text, { offset: finding.offset, length: finding.length, content: JSON.stringify(stripped) }), true);
      }
      break;
    }
    case 'unknown-key':
    case 'helper-key-form': {
      const meant = finding.data?.suggestion;
      const prop = propAtKey(model, finding.offset);
      if (meant && prop && !siblingKeys(model, prop).includes(meant)) {
        push('rename-key', t('Rename "{0}" to "{1}"', prop.key, meant), renameKeyText(text, prop, meant), true);
      }
      break;
    }
    case 'docker-hub-key': {
      const entry = entryAt(model, finding);
      if (entry) {
        const after = hubRename(text, model, entry);
        if (after) push('docker-hub-key', t('Rename "{0}" to "{1}"', entry.key, DOCKER_HUB_KEY), after, true);
      } else {
        const prop = propAtKey(model, finding.offset);
        if (prop) {
          const path = [finding.path[0], DOCKER_HUB_KEY];
          push('add-hub-helper', t('Add "{0}" with the same helper (keep "{1}" for podman and skopeo)', DOCKER_HUB_KEY, prop.key), change(text, path, prop.value.value), true);
        }
      }
      break;
    }
    default:
      break;
  }
  return fixes;
}

function propAtKey(model: ConfigModel, offset: number): Prop | undefined {
  const search = (props: Prop[]): Prop | undefined => {
    for (const p of props) {
      if (p.keyOffset === offset) return p;
      if (p.value.offset <= offset && offset < p.value.offset + p.value.length) return search(propsOf(p.value));
    }
    return undefined;
  };
  return search(model.topProps);
}

/**
 * Renames a Docker Hub key to https://index.docker.io/v1/. When that key exists too: an empty one
 * gives way to this entry's credentials; when this entry is empty it goes; when both hold
 * credentials nothing is changed (the user must choose).
 */
function hubRename(text: string, model: ConfigModel, entry: AuthEntry): string | undefined {
  const target = model.auths.get(DOCKER_HUB_KEY);
  if (!target) return renameKeyText(text, entry.prop, DOCKER_HUB_KEY);
  const targetHas = secretFields(target).length > 0;
  const sourceHas = secretFields(entry).length > 0;
  const sourcePath = uniquePath(model, entry);
  const targetPath = uniquePath(model, target);
  if (!sourcePath || !targetPath) return undefined;
  if (!sourceHas) return change(text, sourcePath, undefined);
  if (targetHas) return undefined;
  const withoutTarget = change(text, targetPath, undefined);
  const again = analyze(withoutTarget).model.auths.get(entry.key);
  return again ? renameKeyText(withoutTarget, again.prop, DOCKER_HUB_KEY) : undefined;
}
