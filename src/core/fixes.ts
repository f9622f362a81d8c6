/** Quick fixes: each one edit (json/edits.ts) that keeps the rest of the text byte for byte. */
import { JSONPath } from 'jsonc-parser';
import { Analysis, analyze } from './analyze';
import { AuthEntry, ConfigModel, secretFields, uniquePath } from './docker/model';
import { DOCKER_HUB_KEY } from './docker/registry';
import { Finding } from './findings';
import { TextEdit, applyEdit, change, minimalEdit } from './json/edits';
import { Prop, propsOf } from './json/reader';
import { t } from './l10n';

export { TextEdit, applyEdit, minimalEdit } from './json/edits';

export type FixKind = 'remove-empty-entry' | 'remove-all-empty-entries' | 'strip-helper-prefix' | 'rename-key' | 'docker-hub-key' | 'add-hub-helper';

export interface Fix {
  kind: FixKind;
  title: string;
  /** A single edit against the analysed text. */
  edit: TextEdit;
  isPreferred?: boolean;
}

function renameKeyText(text: string, prop: Prop, newKey: string): string {
  return applyEdit(text, { offset: prop.keyOffset, length: prop.keyLength, content: JSON.stringify(newKey) });
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
