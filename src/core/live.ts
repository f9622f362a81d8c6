/**
 * Live checks: ask the credential helpers what docker would ask them, for the registries that
 * have an `auths` entry. Three steps, so an editor can keep the answers and lay them over every
 * later version of the text without running anything again:
 *   liveChecks(model)              which (helper, key) questions docker would ask (pure)
 *   askHelpers(checks, client)     runs the helpers: `list` once per helper, `get` with docker's key
 *                                  when the key is not listed (async; answers hold no secret)
 *   liveFindingsFrom(model, ans)   helper-missing-credential / helper-failed findings (pure)
 */
import { describeHelper, keyFinding, valueFinding, Analysis } from './analyze';
import { Finding } from './findings';
import { HelperClient, HelperResult } from './helpers/client';
import { validateHelperName } from './docker/helperNames';
import { t } from './l10n';
import { AuthEntry, ConfigModel, HelperChoice, helperFor, secretFields } from './docker/model';
import { Prop } from './json/reader';
import { DOCKER_HUB_KEY, isMisspelledDockerHubKey } from './docker/registry';

/** One question docker asks: `docker-credential-<helper> get` with `key` on stdin. */
export interface LiveCheck {
  helper: string;
  key: string;
}

export type LiveAnswer =
  | { state: 'found' }
  | { state: 'not-found' }
  | { state: 'failed'; message: string }
  /** Not asked: the helper is missing or its name invalid (helper-not-found / helper-name say so). */
  | { state: 'skipped' };

/** Answers by `answerKey(helper, key)`. */
export type LiveAnswers = ReadonlyMap<string, LiveAnswer>;

export const answerKey = (helper: string, key: string): string => `${helper}\u0000${key}`;

interface Target {
  entry: AuthEntry;
  choice: HelperChoice;
}

/** The auths entries docker reads whose registry a helper handles, with that helper. */
function targets(model: ConfigModel): Target[] {
  const out: Target[] = [];
  for (const entry of model.authEntries) {
    if (model.auths.get(entry.key) !== entry || !entry.isObject) continue;
    if (isMisspelledDockerHubKey(entry.key) || entry.key.includes('*')) continue; // docker never looks these up
    const choice = helperFor(model, entry.registry);
    if (choice && validateHelperName(choice.helper) === null) out.push({ entry, choice });
  }
  return out;
}

/** The questions, each once. None when docker ignores the file. */
export function liveChecks(analysis: Pick<Analysis, 'model' | 'load'>): LiveCheck[] {
  if (analysis.load === 'ignored') return [];
  const seen = new Map<string, LiveCheck>();
  for (const { entry, choice } of targets(analysis.model)) seen.set(answerKey(choice.helper, entry.registry), { helper: choice.helper, key: entry.registry });
  return [...seen.values()];
}

export interface AskOptions {
  signal?: AbortSignal;
}

function answerOf(r: HelperResult<unknown>): LiveAnswer {
  if (r.ok) return { state: 'found' };
  switch (r.error.kind) {
    case 'not-found':
      return { state: 'not-found' };
    case 'helper-missing':
    case 'invalid-name':
      return { state: 'skipped' };
    default:
      return { state: 'failed', message: r.error.message };
  }
}

/**
 * Runs the helpers, one process at a time. `list` is asked once per helper (it decrypts nothing,
 * so no passphrase or keychain prompt); only a key the list lacks is asked with `get`, exactly as
 * docker asks. The secret `get` returns is dropped at once. A helper that timed out once is not
 * asked again (it would only time out again), and the client's limit for all the calls together
 * bounds the whole run. Throws an AbortError when aborted.
 */
export async function askHelpers(checks: readonly LiveCheck[], client: HelperClient, options: AskOptions = {}): Promise<Map<string, LiveAnswer>> {
  const answers = new Map<string, LiveAnswer>();
  const lists = new Map<string, HelperResult<Record<string, string>>>();
  /** Helpers not to run again: the answer every later question to them gets. */
  const stopped = new Map<string, LiveAnswer>();
  for (const { helper, key } of checks) {
    options.signal?.throwIfAborted();
    const known = stopped.get(helper);
    if (known) {
      answers.set(answerKey(helper, key), known);
      continue;
    }
    let list = lists.get(helper);
    if (!list) lists.set(helper, (list = await client.list(helper)));
    if (list.ok && Object.prototype.hasOwnProperty.call(list.value, key)) {
      answers.set(answerKey(helper, key), { state: 'found' });
      continue;
    }
    if (!list.ok && (list.error.kind === 'timeout' || answerOf(list).state === 'skipped')) {
      stopped.set(helper, answerOf(list));
      answers.set(answerKey(helper, key), answerOf(list));
      continue;
    }
    options.signal?.throwIfAborted();
    const got = await client.get(helper, key);
    if (!got.ok && got.error.kind === 'timeout') stopped.set(helper, answerOf(got));
    answers.set(answerKey(helper, key), answerOf(got));
  }
  return answers;
}

/** The findings the answers give for the current text (answers missing for a check: no finding). */
export function liveFindingsFrom(analysis: Pick<Analysis, 'model' | 'load'>, answers: LiveAnswers): Finding[] {
  if (analysis.load === 'ignored') return [];
  const findings: Finding[] = [];
  const failedSettings = new Set<Prop>();
  for (const { entry, choice } of targets(analysis.model)) {
    const answer = answers.get(answerKey(choice.helper, entry.registry));
    if (answer?.state === 'not-found') {
      findings.push(keyFinding('helper-missing-credential', 'error', entry.prop, missingMessage(entry, choice)));
    } else if (answer?.state === 'failed' && !failedSettings.has(choice.setting.prop)) {
      failedSettings.add(choice.setting.prop);
      findings.push(
        valueFinding(
          'helper-failed',
          'warning',
          choice.setting.prop,
          t('Running {0} fails: {1}. Docker pull and push then silently use the plaintext "auths" entries instead (an empty placeholder sends no credentials); docker login and docker create fail.', describeHelper(choice), answer.message),
        ),
      );
    }
  }
  return findings.sort((a, b) => a.offset - b.offset);
}

function missingMessage(entry: AuthEntry, choice: HelperChoice): string {
  const ask = `docker-credential-${choice.helper} get`;
  const login = entry.registry === DOCKER_HUB_KEY ? 'docker login' : `docker login ${entry.registry}`;
  return secretFields(entry).length
    ? t('No credentials for "{1}" in {0}: docker asks "{2}" with the key "{3}" and sends empty credentials; it never uses the plaintext secret in this entry, so the registry answers "no basic auth credentials" (or unauthorized). Move the secret into the helper, or run "{4}".', describeHelper(choice), entry.key, ask, entry.registry, login)
    : t('No credentials for "{1}" in {0}: docker asks "{2}" with the key "{3}", sends empty credentials, and the registry answers "no basic auth credentials" (or unauthorized). Run "{4}" again, or remove this placeholder.', describeHelper(choice), entry.key, ask, entry.registry, login);
}

/** The findings when helpers may not run: one information finding per file, on the first entry a helper would be asked about. */
export function liveOffFindings(analysis: Pick<Analysis, 'model' | 'load'>): Finding[] {
  if (analysis.load === 'ignored') return [];
  const [first] = targets(analysis.model);
  if (!first) return [];
  return [
    keyFinding(
      'helper-missing-credential',
      'info',
      first.entry.prop,
      t('Not checked whether {0} holds credentials for the registries of this file: live checks are off because this workspace is not trusted, and no credential helper runs in an untrusted workspace.', describeHelper(first.choice)),
    ),
  ];
}

/** All in one: the live findings for an analysis, asking the helpers now. */
export async function liveFindings(analysis: Pick<Analysis, 'model' | 'load'>, client: HelperClient, options: AskOptions = {}): Promise<Finding[]> {
  return liveFindingsFrom(analysis, await askHelpers(liveChecks(analysis), client, options));
}
