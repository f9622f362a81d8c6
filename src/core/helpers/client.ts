// Client for docker credential helpers: `docker-credential-<name> <action>`.
// Runs the executable directly (never through a shell), passes secrets only on stdin,
// enforces a time limit and an output cap, and classifies every failure. No error
// message ever contains the secret or the stdin content.
import { isUtf8 } from 'node:buffer';
import { spawn } from 'node:child_process';
import { findHelperOnPath } from './discovery';
import { helperExecutable, validateHelperName } from './names';

export type HelperAction = 'store' | 'get' | 'erase' | 'list' | 'version';

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
  /** Human-readable, secret-free. For `failed` it includes the helper's own (scrubbed, shortened) message. */
  message: string;
  /** The helper's exit code, when it exited. */
  exitCode?: number | null;
}

export type HelperResult<T> = { ok: true; value: T } | { ok: false; error: HelperError };

export interface HelperOptions {
  /** Kill the helper after this long (default 10 s). */
  timeoutMs?: number;
  /** Cap on stdout + stderr bytes (default 1 MiB); more is a bad-output error. */
  maxOutputBytes?: number;
  /** Environment for the helper (default: this process's). */
  env?: Record<string, string | undefined>;
  /** PATH to look the helper up on and to give it (default: env.PATH). */
  path?: string;
  /** Extra strings (e.g. a secret) to scrub from any helper output echoed in a message. */
  redact?: readonly string[];
  /** Told of every run: helper, action, how long and how it ended. Carries no input or output. */
  onRun?: (run: HelperRun) => void;
}

export interface HelperRun {
  helper: string;
  action: HelperAction;
  ms: number;
  /** `exit 0`, `exit 1`, … for a helper that ran; the error kind when it could not run or was stopped. */
  outcome: string;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024;
export const NOT_FOUND_MESSAGE = 'credentials not found in native keychain';
const MAX_MESSAGE_CHARS = 300;

interface RawRun {
  /** Raw output: parsed, never echoed. */
  stdout: string;
  /** stdout was valid UTF-8: decoded leniently, other bytes would read as U+FFFD like a secret that holds one. */
  stdoutUtf8: boolean;
  stderr: string;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** What must be scrubbed before any of the output goes into a message (stdin, secrets). */
  redact: string[];
}

const fail = <T>(helper: string, action: HelperAction, kind: HelperErrorKind, message: string, exitCode?: number | null): HelperResult<T> => ({
  ok: false,
  error: { kind, helper, action, message, ...(exitCode !== undefined ? { exitCode } : {}) },
});

/** Replace every occurrence of each secret (raw and JSON-escaped) with `***`. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    if (!s) continue;
    for (const form of new Set([s, JSON.stringify(s).slice(1, -1)])) out = out.split(form).join('***');
  }
  return out;
}

function shorten(text: string): string {
  const oneLine = text.trim().replace(/\s*\n\s*/g, ' ');
  return oneLine.length > MAX_MESSAGE_CHARS ? `${oneLine.slice(0, MAX_MESSAGE_CHARS)}…` : oneLine;
}

/**
 * Run one helper action. `stdin` is written to the helper and never appears in any result
 * message; `secrets` and `opts.redact` are scrubbed from the helper's output before it is echoed.
 */
async function run(
  name: string,
  action: HelperAction,
  stdin: string,
  secrets: readonly string[],
  opts: HelperOptions,
): Promise<HelperResult<RawRun>> {
  const invalid = validateHelperName(name);
  if (invalid !== null) return fail(name, action, 'invalid-name', `refusing to run credential helper: ${invalid}`);

  const env = { ...(opts.env ?? process.env) };
  if (opts.path !== undefined) env.PATH = opts.path;
  const exe = helperExecutable(name);
  const file = findHelperOnPath(name, env);
  if (file === null) return fail(name, action, 'helper-missing', `${exe} was not found on PATH`);

  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = opts.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  const redact = [stdin, ...secrets, ...(opts.redact ?? [])];

  const started = Date.now();
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
    const child = spawn(file, [action], {
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
      finish(fail(name, action, 'timeout', `${exe} ${action} did not finish within ${timeoutMs} ms and was stopped`));
    }, timeoutMs);

    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let total = 0;
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      total += chunk.length;
      if (total > maxBytes) {
        killAll();
        finish(fail(name, action, 'bad-output', `${exe} ${action} wrote more than ${maxBytes} bytes of output`));
        return;
      }
      into.push(chunk);
    };
    child.stdout.on('data', collect(out));
    child.stderr.on('data', collect(err));
    child.stdin.on('error', () => { /* the helper may exit without reading stdin (EPIPE) */ });

    child.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') finish(fail(name, action, 'helper-missing', `${exe} was not found on PATH`));
      else finish(fail(name, action, 'failed', `${exe} could not be started (${e.code ?? 'error'})`));
    });
    child.on('close', (code, signal) => {
      finish({
        ok: true,
        value: { stdout: Buffer.concat(out).toString('utf8'), stdoutUtf8: isUtf8(Buffer.concat(out)), stderr: Buffer.concat(err).toString('utf8'), exitCode: code, signal, redact },
      });
    });
    child.stdin.end(stdin);
  });
}

/** Classify a finished run that did not exit 0: not-found or failed (with the helper's message). */
function classifyExit<T>(name: string, action: HelperAction, r: RawRun): HelperResult<T> | null {
  if (r.exitCode === 0) return null;
  const exe = helperExecutable(name);
  if (r.stdout.trim() === NOT_FOUND_MESSAGE || r.stderr.trim() === NOT_FOUND_MESSAGE) {
    return fail(name, action, 'not-found', `${exe} has no credentials for this server`, r.exitCode);
  }
  const said = shorten(scrub(r.stdout.trim() || r.stderr.trim(), r.redact));
  const how = r.signal ? `was killed by ${r.signal}` : `exited with code ${r.exitCode}`;
  return fail(name, action, 'failed', `${exe} ${action} ${how}${said ? `: ${said}` : ' without a message'}`, r.exitCode);
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
  const r = await run(name, 'store', payload, [creds.secret], opts);
  if (!r.ok) return r;
  return classifyExit<void>(name, 'store', r.value) ?? { ok: true, value: undefined };
}

/**
 * `get`: the credentials stored for `serverURL`. `not-found` both for the standard message and
 * for Debian's docker-credential-pass 0.6.4, which answers exit 0 with empty Username and Secret.
 */
export async function helperGet(name: string, serverURL: string, opts: HelperOptions = {}): Promise<HelperResult<Credentials>> {
  const r = await run(name, 'get', serverURL, [], opts);
  if (!r.ok) return r;
  const bad = classifyExit<Credentials>(name, 'get', r.value);
  if (bad) return bad;
  const exe = helperExecutable(name);
  if (!r.value.stdoutUtf8) return fail(name, 'get', 'bad-output', `${exe} get answered with bytes that are not UTF-8`, 0);
  // Never echo get's stdout: it may hold a secret we cannot scrub.
  const v = parseJson(r.value.stdout);
  if (v === undefined) return fail(name, 'get', 'bad-output', `${exe} get did not answer with JSON`, 0);
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(name, 'get', 'bad-output', `${exe} get did not answer with a JSON object`, 0);
  const o = v as Record<string, unknown>;
  if (typeof o.Username !== 'string' || typeof o.Secret !== 'string' || (o.ServerURL !== undefined && typeof o.ServerURL !== 'string')) {
    return fail(name, 'get', 'bad-output', `${exe} get answered without string "Username" and "Secret" fields`, 0);
  }
  if (o.Username === '' && o.Secret === '') return fail(name, 'get', 'not-found', `${exe} has no credentials for this server (empty answer)`, 0);
  return { ok: true, value: { serverURL: typeof o.ServerURL === 'string' && o.ServerURL ? o.ServerURL : serverURL, username: o.Username, secret: o.Secret } };
}

/** `erase`: remove the credentials stored for `serverURL`. */
export async function helperErase(name: string, serverURL: string, opts: HelperOptions = {}): Promise<HelperResult<void>> {
  const r = await run(name, 'erase', serverURL, [], opts);
  if (!r.ok) return r;
  return classifyExit<void>(name, 'erase', r.value) ?? { ok: true, value: undefined };
}

/** `list`: server URL -> username for everything the helper holds. */
export async function helperList(name: string, opts: HelperOptions = {}): Promise<HelperResult<Record<string, string>>> {
  const r = await run(name, 'list', '', [], opts);
  if (!r.ok) return r;
  const bad = classifyExit<Record<string, string>>(name, 'list', r.value);
  if (bad) return bad;
  const exe = helperExecutable(name);
  const v = parseJson(r.value.stdout);
  if (typeof v !== 'object' || v === null || Array.isArray(v) || !Object.values(v).every((u) => typeof u === 'string')) {
    return fail(name, 'list', 'bad-output', `${exe} list did not answer with a JSON object of strings`, 0);
  }
  return { ok: true, value: { ...(v as Record<string, string>) } };
}

/** `version`: the helper's version text. */
export async function helperVersion(name: string, opts: HelperOptions = {}): Promise<HelperResult<string>> {
  const r = await run(name, 'version', '', [], opts);
  if (!r.ok) return r;
  return classifyExit<string>(name, 'version', r.value) ?? { ok: true, value: shorten(r.value.stdout) };
}

export type StoreAndVerifyResult =
  | { ok: true }
  | { ok: false; step: 'store' | 'get' | 'compare'; error: HelperError | null; message: string };

/** Store the credentials, read them back and compare username and secret exactly. */
export async function storeAndVerify(name: string, creds: Credentials, opts: HelperOptions = {}): Promise<StoreAndVerifyResult> {
  const exe = helperExecutable(name);
  const stored = await helperStore(name, creds, opts);
  if (!stored.ok) return { ok: false, step: 'store', error: stored.error, message: `storing failed: ${stored.error.message}` };
  // The secret may appear in a lying helper's get error: scrub it there too.
  const got = await helperGet(name, creds.serverURL, { ...opts, redact: [...(opts.redact ?? []), creds.secret] });
  if (!got.ok) return { ok: false, step: 'get', error: got.error, message: `reading back failed: ${got.error.message}` };
  if (got.value.username !== creds.username) {
    return { ok: false, step: 'compare', error: null, message: `${exe} returned a different username than was stored` };
  }
  if (got.value.secret !== creds.secret) {
    return { ok: false, step: 'compare', error: null, message: `${exe} returned a different secret than was stored` };
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

export function helperClient(opts: HelperOptions = {}): HelperClient {
  return {
    get: (name, url) => helperGet(name, url, opts),
    list: (name) => helperList(name, opts),
    erase: (name, url) => helperErase(name, url, opts),
    storeAndVerify: (name, creds) => storeAndVerify(name, creds, opts),
  };
}
