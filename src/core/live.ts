/**
 * Live checks: ask the credential helpers what docker would ask them, for the registries that
 * have an `auths` entry. Three steps, so an editor can keep the answers and lay them over every
 * later version of the text without running anything again:
 *   liveChecks(model)              which (helper, key) questions docker would ask (pure)
 *   askHelpers(checks, client)     runs the helpers: `list` once per helper, `get` with docker's key
 *                                  when the key is not listed (async; answers hold no secret)
 *   liveFindingsFrom(model, ans)   helper-missing-credential / helper-failed findings (pure)
 */
import { HelperClient, HelperResult } from './helpers/client';
import { Analysis, Finding } from './rules';
import { LiveAnswer, answerKey, liveFindingsFrom, targets } from './rules/live';

export { liveFindingsFrom, liveOffFindings } from './rules/live';
export type { LiveAnswer, LiveAnswers } from './rules/live';

/** One question docker asks: `docker-credential-<helper> get` with `key` on stdin. */
export interface LiveCheck {
  helper: string;
  key: string;
}

/** The questions, each once. None when docker ignores the file. */
export function liveChecks(analysis: Pick<Analysis, 'model' | 'load'>): LiveCheck[] {
  const seen = new Map<string, LiveCheck>();
  for (const { entry, choice } of targets(analysis)) seen.set(answerKey(choice.helper, entry.registry), { helper: choice.helper, key: entry.registry });
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

/** All in one: the live findings for an analysis, asking the helpers now. */
export async function liveFindings(analysis: Pick<Analysis, 'model' | 'load'>, client: HelperClient, options: AskOptions = {}): Promise<Finding[]> {
  return liveFindingsFrom(analysis, await askHelpers(liveChecks(analysis), client, options));
}
