/**
 * Found by running credential helpers (the answers come from src/core/live.ts): helper-missing-credential
 * and helper-failed; and live-checks-off, the notice that the helpers were not asked (an untrusted
 * workspace). Everything here is pure: answers in, findings out.
 */
import { describeHelper, helperExecutable, validateHelperName } from '../docker/helperNames';
import { AuthEntry, HelperChoice, helperFor, secretFields } from '../docker/model';
import { DOCKER_HUB_KEY, isMisspelledDockerHubKey } from '../docker/registry';
import { FindingOf } from '../findings';
import { t } from '../l10n';
import { Prop } from '../json/reader';
import { Loaded, defineRule } from './types';

export type LiveAnswer =
  | { state: 'found' }
  | { state: 'not-found' }
  | { state: 'failed'; message: string }
  /** Not asked: the helper is missing or its name invalid (helper-not-found / helper-name say so). */
  | { state: 'skipped' };

/** Answers by `answerKey(helper, key)`. */
export type LiveAnswers = ReadonlyMap<string, LiveAnswer>;

export const answerKey = (helper: string, key: string): string => `${helper}\u0000${key}`;

type Via = { helper: string; via: string };
type Missing = Via & { key: string; registry: string };

const ask = (d: Via): string => `${helperExecutable(d.helper)} get`;
const login = (d: Missing): string => (d.registry === DOCKER_HUB_KEY ? 'docker login' : `docker login ${d.registry}`);

export const helperMissingCredential = defineRule({
  meta: {
    id: 'helper-missing-credential',
    title: () => t('The helper has no credentials for a registry'),
    severity: 'error',
    live: true,
    messages: {
      withSecret: {
        text: (d: Missing) =>
          t('No credentials for "{1}" in {0}: docker asks "{2}" with the key "{3}" and sends empty credentials; it never uses the plaintext secret in this entry, so the registry answers "no basic auth credentials" (or unauthorized). Move the secret into the helper, or run "{4}".', describeHelper(d), d.key, ask(d), d.registry, login(d)),
      },
      placeholder: {
        text: (d: Missing) =>
          t('No credentials for "{1}" in {0}: docker asks "{2}" with the key "{3}", sends empty credentials, and the registry answers "no basic auth credentials" (or unauthorized). Run "{4}" again, or remove this placeholder.', describeHelper(d), d.key, ask(d), d.registry, login(d)),
      },
    },
  },
});

export const helperFailed = defineRule({
  meta: {
    id: 'helper-failed',
    title: () => t('A credential helper that fails'),
    severity: 'warning',
    live: true,
    messages: {
      fails: {
        text: (d: Via & { reason: string }) =>
          t('Running {0} fails: {1}. Docker pull and push then silently use the plaintext "auths" entries instead (an empty placeholder sends no credentials); docker login and docker create fail.', describeHelper(d), d.reason) +
          ' ' +
          (d.via === 'credsStore'
            ? t('"docker build" collects the credentials of every registry before it starts, and when the credsStore fails it sends none at all, not even those of credHelpers or "auths": pulls of private base images from any registry then fail with "unauthorized" (docker/cli#1989, #2121).')
            : t('"docker build" collects the credentials of every registry before it starts: it warns "Failed to get credentials for registry" for this one, prints the helper\'s own error, and still sends the others (docker/cli#1989, #2121).')),
      },
    },
  },
});

export const liveChecksOff = defineRule({
  meta: {
    id: 'live-checks-off',
    title: () => t('Live checks did not run'),
    severity: 'info',
    messages: {
      untrusted: {
        text: (d: Via) =>
          t('Not checked whether {0} holds credentials for the registries of this file: live checks are off because this workspace is not trusted, and no credential helper runs in an untrusted workspace.', describeHelper(d)),
      },
    },
  },
});

export interface Target {
  entry: AuthEntry;
  choice: HelperChoice;
}

/** The auths entries docker reads whose registry a helper handles, with that helper (none when docker ignores the file). */
export function targets({ model, load }: Loaded): Target[] {
  if (load === 'ignored') return [];
  const out: Target[] = [];
  for (const entry of model.authEntries) {
    if (model.auths.get(entry.key) !== entry || !entry.isObject) continue;
    if (isMisspelledDockerHubKey(entry.key) || entry.key.includes('*')) continue; // docker never looks these up
    const choice = helperFor(model, entry.registry);
    if (choice && validateHelperName(choice.helper) === null) out.push({ entry, choice });
  }
  return out;
}

type LiveFinding = FindingOf<'helper-missing-credential' | 'helper-failed'>;

/** The findings the answers give for the current text (answers missing for a check: no finding). */
export function liveFindingsFrom(analysis: Loaded, answers: LiveAnswers): LiveFinding[] {
  const findings: LiveFinding[] = [];
  const failedSettings = new Set<Prop>();
  for (const { entry, choice } of targets(analysis)) {
    const answer = answers.get(answerKey(choice.helper, entry.registry));
    const via = { helper: choice.helper, via: choice.via };
    if (answer?.state === 'not-found') {
      const data = { ...via, key: entry.key, registry: entry.registry };
      findings.push(helperMissingCredential.finding({ prop: entry.prop, at: 'key', messageId: secretFields(entry).length ? 'withSecret' : 'placeholder', data }));
    } else if (answer?.state === 'failed' && !failedSettings.has(choice.setting.prop)) {
      failedSettings.add(choice.setting.prop);
      findings.push(helperFailed.finding({ prop: choice.setting.prop, at: 'value', messageId: 'fails', data: { ...via, reason: answer.message } }));
    }
  }
  return findings.sort((a, b) => a.offset - b.offset);
}

/** The notice when helpers may not run: one per file, on the first entry a helper would be asked about. */
export function liveOffFindings(analysis: Loaded): Array<FindingOf<'live-checks-off'>> {
  const [first] = targets(analysis);
  if (!first) return [];
  return [liveChecksOff.finding({ prop: first.entry.prop, at: 'key', messageId: 'untrusted', data: { helper: first.choice.helper, via: first.choice.via } })];
}
