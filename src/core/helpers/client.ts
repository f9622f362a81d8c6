// Client for docker credential helpers: `docker-credential-<name> <action>`.
// Runs the executable directly (never through a shell), passes secrets only on stdin,
// enforces a time limit per call and one for all the calls of a client, caps the output, and
// classifies every failure. No error message contains the helper's own text: it may hold a secret
// (its stdin, another secret of the store, the base64 of either); known messages map to fixed reasons.
import { isUtf8 } from 'node:buffer';
import type * as ChildProcess from 'node:child_process';
import { printable } from '../display';
import { t } from '../l10n';
import { findHelperOnPath } from './discovery';
import { helperExecutable, validateHelperName } from '../docker/helperNames';
import { HelperAction, knownReason } from './reasons';
import { scrubberFor } from './scrub';

export type { HelperAction } from './reasons';

export interface Credentials {
  serverURL: string;
  username: string;
  secret: string;
}

export type HelperErrorKind = 'invalid-name' | 'helper-missing' | 'not-found' | 'failed' | 'timeout' | 'bad-output';

export interface HelperError {
  kind: HelperErrorKind;
  helper: string;
  action: HelperAction;
  /** Human-readable and secret-free: our own words only (for `failed`, a fixed reason when the helper's message is a known one). */
  message: string;
  /** The helper's exit code, when it exited. */
  exitCode?: number | null;
}

export type HelperResult<T> = { ok: true; value: T } | { ok: false; error: HelperError };

export interface HelperOptions {
  /** Kill the helper after this long (default 10 s). */
  timeoutMs?: number;
  /**
   * Only for `helperClient`: all its calls together may take this long (default 30 s). After it, a
   * call is not started and answers `timeout`; the call still running then is stopped.
   */
  totalTimeoutMs?: number;
  /** Cap on stdout + stderr bytes (default 1 MiB); more is a bad-output error. */
  maxOutputBytes?: number;
  /** Environment for the helper (default: this process's). */
  env?: Record<string, string | undefined>;
  /** PATH to look the helper up on and to give it (default: env.PATH). */
  path?: string;
  /** Secrets to scrub from the only helper text returned, `version`'s (error messages hold none). */
  redact?: readonly string[];
  /** Told of every run: helper, action, how long and how it ended. Carries no input or output. */
  onRun?: (run: HelperRun) => void;
}

export interface HelperRun {
  helper: string;
  action: HelperAction;
  ms: number;
  /** `exit 0`, `exit 1`, … for a helper that ran; the error kind when it could not run or was stopped; `not started (…)` past the client's time limit. */
  outcome: string;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_TOTAL_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024;
export const NOT_FOUND_MESSAGE = 'credentials not found in native keychain';
const MAX_VERSION_CHARS = 300;

/** The time all the calls of one client may take together; the clock starts at the first call. */
interface Budget {
  totalMs: number;
  deadline?: number;
}

/** The options a call runs with: the client's, and the budget it shares with the client's other calls. */
type RunOptions = HelperOptions & { budget?: Budget };

interface RawRun {
  /** Raw output: parsed or classified, never echoed. */
  stdout: string;
  /** stdout was valid UTF-8: decoded leniently, other bytes would read as U+FFFD like a secret that holds one. */
  stdoutUtf8: boolean;
  stderr: string;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
}

const fail = <T>(helper: string, action: HelperAction, kind: HelperErrorKind, message: string, exitCode?: number | null): HelperResult<T> => ({
  ok: false,
  error: { kind, helper, action, message, ...(exitCode !== undefined ? { exitCode } : {}) },
});

/** One line of at most MAX_VERSION_CHARS: whitespace runs made one space (linear: no backtracking). */
function shorten(text: string): string {
  const oneLine = text.slice(0, 4 * MAX_VERSION_CHARS).replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_VERSION_CHARS ? `${oneLine.slice(0, MAX_VERSION_CHARS)}…` : oneLine;
}

/**
 * Run one helper action. `stdin` is written to the helper; no result message holds any of it or
 * of the helper's output.
 */
async function run(name: string, action: HelperAction, stdin: string, opts: RunOptions): Promise<HelperResult<RawRun>> {
  const invalid = validateHelperName(name);
  if (invalid !== null) return fail(name, action, 'invalid-name', t('refusing to run credential helper: {0}', invalid));

  const exe = helperExecutable(name);
  const started = Date.now();
  const budget = opts.budget;
  if (budget) budget.deadline ??= started + budget.totalMs;
  const left = budget ? budget.deadline! - started : Infinity;
  if (left <= 0) {
    opts.onRun?.({ helper: name, action, ms: 0, outcome: 'not started (time limit of all calls)' });
    return fail(name, action, 'timeout', t('{0} {1} was not started: the credential helpers together may take {2} ms', exe, action, budget!.totalMs));
  }

  const env = { ...(opts.env ?? process.env) };
  if (opts.path !== undefined) env.PATH = opts.path;
  const file = findHelperOnPath(name, env);
  if (file === null) return fail(name, action, 'helper-missing', t('{0} was not found on PATH', exe));

  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const limitMs = Math.min(timeoutMs, left);
  const maxBytes = opts.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;

  return new Promise((resolve) => {
    let settled = false;
    const finish = (r: HelperResult<RawRun>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.onRun?.({ helper: name, action, ms: Date.now() - started, outcome: r.ok ? (r.value.signal ? `killed by ${r.value.signal}` : `exit ${r.value.exitCode}`) : r.error.kind });
      resolve(r);
    };
    // Own process group (POSIX), so a timeout also kills whatever the helper started.
    // child_process is loaded here, not with the bundle: a `check` without --live never needs it (faster start)
    const child = (require('node:child_process') as typeof ChildProcess).spawn(file, [action], {
      env,
      shell: false,
      windowsHide: true,
      detached: process.platform !== 'win32',
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const killAll = (): void => {
      try {
        if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        /* already gone */
      }
      child.stdout?.destroy();
      child.stderr?.destroy();
    };
    const timer = setTimeout(() => {
      killAll();
      finish(
        fail(name, action, 'timeout', limitMs < timeoutMs
          ? t('{0} {1} was stopped: the credential helpers together may take {2} ms', exe, action, budget!.totalMs)
          : t('{0} {1} did not finish within {2} ms and was stopped', exe, action, timeoutMs)),
      );
    }, limitMs);

    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let total = 0;
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      total += chunk.length;
      if (total > maxBytes) {
        killAll();
        finish(fail(name, action, 'bad-output', t('{0} {1} wrote more than {2} bytes of output', exe, action, maxBytes)));
        return;
      }
      into.push(chunk);
    };
    child.stdout.on('data', collect(out));
    child.stderr.on('data', collect(err));
    child.stdin.on('error', () => { /* the helper may exit without reading stdin (EPIPE) */ });

    child.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') finish(fail(name, action, 'helper-missing', t('{0} was not found on PATH', exe)));
      else finish(fail(name, action, 'failed', t('{0} could not be started ({1})', exe, e.code ?? 'error')));
    });
    child.on('close', (code, signal) => {
      finish({
        ok: true,
        value: { stdout: Buffer.concat(out).toString('utf8'), stdoutUtf8: isUtf8(Buffer.concat(out)), stderr: Buffer.concat(err).toString('utf8'), exitCode: code, signal },
      });
    });
    child.stdin.end(stdin);
  });
}

/**
 * Classify a finished run that did not exit 0: not-found, or failed with how it ended and, for a
 * known message, a fixed reason. The helper's own text is never part of the message.
 */
function classifyExit<T>(name: string, action: HelperAction, r: RawRun): HelperResult<T> | null {
  if (r.exitCode === 0) return null;
  const exe = helperExecutable(name);
  if (r.stdout.trim() === NOT_FOUND_MESSAGE || r.stderr.trim() === NOT_FOUND_MESSAGE) {
    return fail(name, action, 'not-found', t('{0} has no credentials for this server', exe), r.exitCode);
  }
  const how = r.signal ? t('{0} {1} was killed by {2}', exe, action, r.signal) : t('{0} {1} exited with code {2}', exe, action, String(r.exitCode));
  const reason = knownReason(`${r.stdout}\n${r.stderr}`, action);
  const said = /\S/.test(r.stdout) || /\S/.test(r.stderr);
  const message = reason ? t('{0}: {1}', how, reason) : said ? t('{0} (its output is not shown: it may hold a secret)', how) : how;
  return fail(name, action, 'failed', message, r.exitCode);
}

function parseJson(stdout: string): unknown {
  try {
    return JSON.parse(stdout);
  } catch {
    return undefined;
  }
}

/** `store`: save credentials in the helper. The secret goes on stdin only. */
export async function helperStore(name: string, creds: Credentials, opts: HelperOptions = {}): Promise<HelperResult<void>> {
  const payload = JSON.stringify({ ServerURL: creds.serverURL, Username: creds.username, Secret: creds.secret });
  const r = await run(name, 'store', payload, opts);
  if (!r.ok) return r;
  return classifyExit<void>(name, 'store', r.value) ?? { ok: true, value: undefined };
}

/**
 * `get`: the credentials stored for `serverURL`. `not-found` both for the standard message and
 * for Debian's docker-credential-pass 0.6.4, which answers exit 0 with empty Username and Secret.
 */
export async function helperGet(name: string, serverURL: string, opts: HelperOptions = {}): Promise<HelperResult<Credentials>> {
  const r = await run(name, 'get', serverURL, opts);
  if (!r.ok) return r;
  const bad = classifyExit<Credentials>(name, 'get', r.value);
  if (bad) return bad;
  const exe = helperExecutable(name);
  if (!r.value.stdoutUtf8) return fail(name, 'get', 'bad-output', t('{0} get answered with bytes that are not UTF-8', exe), 0);
  // Never echo get's stdout: it holds a secret.
  const v = parseJson(r.value.stdout);
  if (v === undefined) return fail(name, 'get', 'bad-output', t('{0} get did not answer with JSON', exe), 0);
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(name, 'get', 'bad-output', t('{0} get did not answer with a JSON object', exe), 0);
  const o = v as Record<string, unknown>;
  if (typeof o.Username !== 'string' || typeof o.Secret !== 'string' || (o.ServerURL !== undefined && typeof o.ServerURL !== 'string')) {
    return fail(name, 'get', 'bad-output', t('{0} get answered without string "Username" and "Secret" fields', exe), 0);
  }
  if (o.Username === '' && o.Secret === '') return fail(name, 'get', 'not-found', t('{0} has no credentials for this server (empty answer)', exe), 0);
  return { ok: true, value: { serverURL: typeof o.ServerURL === 'string' && o.ServerURL ? o.ServerURL : serverURL, username: o.Username, secret: o.Secret } };
}

/** `erase`: remove the credentials stored for `serverURL`. */
export async function helperErase(name: string, serverURL: string, opts: HelperOptions = {}): Promise<HelperResult<void>> {
  const r = await run(name, 'erase', serverURL, opts);
  if (!r.ok) return r;
  return classifyExit<void>(name, 'erase', r.value) ?? { ok: true, value: undefined };
}

/** `list`: server URL -> username for everything the helper holds. */
export async function helperList(name: string, opts: HelperOptions = {}): Promise<HelperResult<Record<string, string>>> {
  const r = await run(name, 'list', '', opts);
  if (!r.ok) return r;
  const bad = classifyExit<Record<string, string>>(name, 'list', r.value);
  if (bad) return bad;
  const exe = helperExecutable(name);
  const v = parseJson(r.value.stdout);
  if (typeof v !== 'object' || v === null || Array.isArray(v) || !Object.values(v).every((u) => typeof u === 'string')) {
    return fail(name, 'list', 'bad-output', t('{0} list did not answer with a JSON object of strings', exe), 0);
  }
  return { ok: true, value: { ...(v as Record<string, string>) } };
}

/** `version`: the helper's version text: one line, shortened, `opts.redact` scrubbed, control characters escaped. */
export async function helperVersion(name: string, opts: HelperOptions = {}): Promise<HelperResult<string>> {
  const r = await run(name, 'version', '', opts);
  if (!r.ok) return r;
  return classifyExit<string>(name, 'version', r.value) ?? { ok: true, value: printable(shorten(scrubberFor(opts.redact ?? []).scrub(r.value.stdout))) };
}

export type StoreAndVerifyResult =
  | { ok: true }
  | { ok: false; step: 'store' | 'get' | 'compare'; error: HelperError | null; message: string };

/** Store the credentials, read them back and compare username and secret exactly. */
export async function storeAndVerify(name: string, creds: Credentials, opts: HelperOptions = {}): Promise<StoreAndVerifyResult> {
  const exe = helperExecutable(name);
  const stored = await helperStore(name, creds, opts);
  if (!stored.ok) return { ok: false, step: 'store', error: stored.error, message: t('storing failed: {0}', stored.error.message) };
  const got = await helperGet(name, creds.serverURL, opts);
  if (!got.ok) return { ok: false, step: 'get', error: got.error, message: t('reading back failed: {0}', got.error.message) };
  if (got.value.username !== creds.username) {
    return { ok: false, step: 'compare', error: null, message: t('{0} returned a different username than was stored', exe) };
  }
  if (got.value.secret !== creds.secret) {
    return { ok: false, step: 'compare', error: null, message: t('{0} returned a different secret than was stored', exe) };
  }
  return { ok: true };
}

/** The helper operations the live checks, the move and `resolve --run-helpers` use; one set of options for all. */
export interface HelperClient {
  get(name: string, serverURL: string): Promise<HelperResult<Credentials>>;
  list(name: string): Promise<HelperResult<Record<string, string>>>;
  erase(name: string, serverURL: string): Promise<HelperResult<void>>;
  storeAndVerify(name: string, creds: Credentials): Promise<StoreAndVerifyResult>;
}

/**
 * One run of helpers (a live check, a resolve, a move): every call with `opts`, and all of them
 * together within `opts.totalTimeoutMs` (default 30 s) from the first call on.
 */
export function helperClient(opts: HelperOptions = {}): HelperClient {
  const run: RunOptions = { ...opts, budget: { totalMs: opts.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS } };
  return {
    get: (name, url) => helperGet(name, url, run),
    list: (name) => helperList(name, run),
    erase: (name, url) => helperErase(name, url, run),
    storeAndVerify: (name, creds) => storeAndVerify(name, creds, run),
  };
}
