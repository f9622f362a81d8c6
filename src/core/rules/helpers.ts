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
import { CheckInput, HostFacts, defineRule, fixTo } from './types';

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

type Missing = Setting & { os?: string; store?: string };
const CONSEQUENCE = (d: Setting) =>
  t('Docker cannot run {0}: its pull and push then silently use the plaintext "auths" entries instead (an empty placeholder sends no credentials), and "docker create" and "docker run" fail.', describeHelper(d));

/** Why a helper is missing, when its name says it (the host's facts for the platform ones). */
function whyMissing(name: string, host: HostFacts | undefined): { messageId: 'otherOs' | 'desktop' | 'wslInterop' | 'devContainer'; os?: string } | undefined {
  const base = name.toLowerCase();
  if (base.startsWith('dev-containers-')) return { messageId: 'devContainer' };
  if (host?.wsl && !host.wsl.interop && base.endsWith('.exe')) return { messageId: 'wslInterop' };
  if (base === 'desktop' || base === 'desktop.exe') return { messageId: 'desktop' };
  if (base === 'osxkeychain' && host && host.platform !== 'darwin') return { messageId: 'otherOs', os: 'macOS' };
  if (base === 'wincred' && host && host.platform !== 'win32') return { messageId: 'otherOs', os: 'Windows' };
  return undefined;
}

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
      otherOs: {
        text: (d: Missing) =>
          t('"docker-credential-{0}" is the {1} keychain helper and does not exist on this system: the file was probably copied or synced from a {1} machine, and the credentials it names stay there.', d.helper, d.os ?? '') + ' ' + CONSEQUENCE(d) + ' ' + t('Use a store helper installed here and log in again.'),
      },
      desktop: {
        text: (d: Missing) =>
          t('"docker-credential-{0}" comes with Docker Desktop, which is not installed here: it was removed, or Colima, Rancher Desktop or OrbStack runs docker instead and none of them provides this helper (docker/for-mac#3785, #7445).', d.helper) + ' ' + CONSEQUENCE(d) + ' ' + t('Use a store helper installed here, or remove the setting, and log in again.'),
      },
      wslInterop: {
        text: (d: Missing) =>
          t('"docker-credential-{0}" is a Windows program, and Windows interop is off in this WSL distribution, so WSL cannot run it (docker/for-win#9061; "[interop] enabled=false" in /etc/wsl.conf).', d.helper) + ' ' + CONSEQUENCE(d) + ' ' + t('Turn interop on again, or use a store helper installed in WSL, such as pass.'),
      },
      devContainer: {
        text: (d: Missing) =>
          t('"docker-credential-{0}" is made by VS Code Dev Containers and exists only in terminals attached to that container (microsoft/vscode-remote-release#7982); the setting was written into a config file that is also read elsewhere.', d.helper) + ' ' + CONSEQUENCE(d) + ' ' + t('Outside the container, use a store helper installed here, or remove the setting.'),
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
      const setting: Setting = { helper: s.value, via: s === model.credsStore ? 'credsStore' : 'credHelpers' };
      const why = whyMissing(s.value, options.host);
      if (!why) {
        report({ prop: s.prop, at: 'value', messageId: 'notOnPath', data: setting });
        continue;
      }
      const store = options.host?.storeHelpers.find((h) => h !== s.value);
      report({ prop: s.prop, at: 'value', messageId: why.messageId, data: { ...setting, ...(why.os ? { os: why.os } : {}), ...(store ? { store } : {}) } });
    }
  },
  fixes({ text, finding }) {
    const store = finding.data.store;
    if (typeof store !== 'string' || !store) return [];
    const after = applyEdit(text, { offset: finding.offset, length: finding.length, content: JSON.stringify(store) });
    return fixTo('installed-store-helper', t('Use "{0}", a store helper installed here (nothing is moved: log in again)', store), text, after, true);
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
