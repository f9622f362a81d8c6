/**
 * The credential helpers a file names. helper-name: a name this tool does not run (docker/helperNames.ts
 * decides, the one validator); helper-not-found: a name it runs that is not on PATH; helper-key-form: a
 * credHelpers key the client never looks up.
 */
import { HelperSetting } from '../docker/model';
import { describeHelper, helperExecutable, helperNameProblem, validateHelperName } from '../docker/helperNames';
import { DOCKER_HUB_KEY, convertToHostname, isMisspelledDockerHubKey } from '../docker/registry';
import { t } from '../l10n';
import { applyEdit } from '../json/edits';
import { renameToSuggestion } from './keys';
import { CheckInput, defineRule, fixTo } from './types';

type Named = { name: string };
type Setting = { helper: string; via: 'credsStore' | 'credHelpers' };

export const helperName = defineRule({
  meta: {
    id: 'helper-name',
    title: () => t('A helper name docker cannot run as meant'),
    severity: 'error',
    messages: {
      prefix: {
        text: (d: Named & { stripped: string }) =>
          t('Write the helper\'s name without the "docker-credential-" prefix: docker adds it itself and would run "docker-credential-{0}", which does not exist.', d.name),
      },
      path: {
        text: (d: Named) =>
          t('A helper name must not contain "/" or "\\": docker runs "docker-credential-{0}" as a path relative to its current working directory, so the program that runs depends on where docker is started.', d.name),
      },
      whitespace: { text: (d: Named) => t('A helper name must not contain white space: docker looks for a program named "docker-credential-{0}" literally and will not find it.', d.name) },
      notRun: {
        text: (d: Named) =>
          t('Docker looks up "{0}" on PATH like any other name, but Docker Config Guard runs no helper by this name ({1}): live checks, resolve --run-helpers and move-secrets leave it out. No credential helper is named so: check the name.', helperExecutable(d.name), validateHelperName(d.name) ?? ''),
      },
    },
  },
  check({ model, client, report }) {
    for (const s of settingsOf({ model, client })) {
      const problem = helperNameProblem(s.value);
      if (!problem || problem.kind === 'empty') continue; // "" sets no helper
      const at = { prop: s.prop, at: 'value' } as const;
      const name = s.value;
      if (problem.kind === 'prefix') report({ ...at, messageId: 'prefix', data: { name, stripped: problem.stripped } });
      else if (problem.kind === 'path') report({ ...at, messageId: 'path', data: { name } });
      else if (problem.kind === 'whitespace') report({ ...at, messageId: 'whitespace', data: { name } });
      else report({ ...at, messageId: 'notRun', data: { name } });
    }
  },
  fixes({ text, finding }) {
    const stripped = finding.data.stripped;
    if (typeof stripped !== 'string' || !stripped) return [];
    const after = applyEdit(text, { offset: finding.offset, length: finding.length, content: JSON.stringify(stripped) });
    return fixTo('strip-helper-prefix', t('Use "{0}" (without the docker-credential- prefix)', stripped), text, after, true);
  },
});

export const helperNotFound = defineRule({
  meta: {
    id: 'helper-not-found',
    title: () => t('A credential helper that is not installed'),
    severity: 'error',
    messages: {
      notOnPath: {
        text: (d: Setting) =>
          t('"docker-credential-{0}" is not on PATH, so {1} cannot run. Docker pull and push then silently use the plaintext "auths" entries instead (an empty placeholder sends no credentials), and "docker create" and "docker run" fail with "error getting credentials - err: exec: "docker-credential-{0}": executable file not found in $PATH". Install the helper, or fix the name.', d.helper, describeHelper(d)),
      },
    },
  },
  check({ model, client, options, report }) {
    const onPath = options.helperOnPath;
    if (!onPath || !client.checksHelperOnPath) return;
    const found = new Map<string, boolean>();
    for (const s of settingsOf({ model, client })) {
      if (helperNameProblem(s.value)) continue; // helper-name says it (or "" names none)
      if (!found.has(s.value)) found.set(s.value, onPath(s.value));
      if (found.get(s.value)) continue;
      report({ prop: s.prop, at: 'value', messageId: 'notOnPath', data: { helper: s.value, via: s === model.credsStore ? 'credsStore' : 'credHelpers' } });
    }
  },
});

export const helperKeyForm = defineRule({
  meta: {
    id: 'helper-key-form',
    title: () => t('A credHelpers key docker never looks up'),
    severity: 'warning',
    messages: {
      docker: {
        text: (d: { key: string; suggestion: string }) =>
          t('Docker matches credHelpers keys exactly against the registry\'s host[:port] and never strips a scheme or path, so "{0}" is never used. Write "{1}".', d.key, d.suggestion),
      },
      containers: {
        text: (d: { key: string; suggestion: string }) =>
          t('Podman, skopeo and buildah look up credHelpers by the registry\'s host[:port] exactly (Docker Hub: "docker.io"), so "{0}" is never used. Write "{1}".', d.key, d.suggestion),
      },
    },
  },
  check({ model, client, report }) {
    if (client.helpers === 'none') return;
    for (const p of model.credHelperProps) {
      if (p.key.includes('*')) continue; // wildcard-registry says it
      const hub = p.key === DOCKER_HUB_KEY || isMisspelledDockerHubKey(p.key);
      if (hub && client.hubKeys === 'exact' && p.key !== DOCKER_HUB_KEY) continue; // docker-hub-key says it
      if (p.key === client.hubHelperKey || p.key === convertToHostname(p.key)) continue;
      const suggestion = hub ? client.hubHelperKey : convertToHostname(p.key);
      report({ prop: p, at: 'key', messageId: client.messages.helperKeyForm, data: { key: p.key, suggestion } });
    }
  },
  fixes: renameToSuggestion,
});

/** The helper settings the client reads: credsStore (when it runs it) and the credHelpers values. */
export function settingsOf({ model, client }: Pick<CheckInput, 'model' | 'client'>): HelperSetting[] {
  if (client.helpers === 'none') return [];
  const store = model.credsStore;
  return [...(store && client.helpers === 'all' ? [store] : []), ...model.credHelpers.values()];
}
