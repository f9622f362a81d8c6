// Shared by the check-*.test.ts files: the compiled command line run as a real process, with a time limit
// (a test that hangs must fail, not hang the suite) and an environment of temporary directories only.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The compiled CLI (`npm run compile`; out/src/cli.js runs its main when started as a program). */
export const CLI = path.resolve(__dirname, '../../src/cli.js');

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
  ms: number;
}

export function tempDir(prefix: string): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

/** Runs the CLI in `cwd` with HOME and PATH of temporary directories; killed after `timeoutMs`. */
export function runCli(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; nodeArgs?: string[] }): Run {
  const started = Date.now();
  const r = spawnSync(process.execPath, [...(options.nodeArgs ?? []), CLI, ...args], {
    cwd: options.cwd,
    encoding: 'utf8',
    env: { HOME: options.cwd, PATH: options.cwd, LANG: 'C', ...options.env },
    timeout: options.timeoutMs ?? 30_000,
    killSignal: 'SIGKILL',
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { code: r.status, signal: r.signal, out: r.stdout ?? '', err: r.stderr ?? '', ms: Date.now() - started };
}

/** The run finished by itself (not killed by the time limit) with this exit status. */
export function assertExit(r: Run, code: number, what: string): void {
  assert.equal(r.signal, null, `${what}: killed after ${r.ms} ms (hung or too slow)\nstderr: ${r.err.slice(0, 2000)}`);
  assert.equal(r.code, code, `${what}: exit ${r.code}\nstdout: ${r.out.slice(0, 2000)}\nstderr: ${r.err.slice(0, 2000)}`);
}

export function write(file: string, text: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

/** A config with one empty auths entry: one finding (empty-auth) that shows the file was checked. */
export const ONE_FINDING = '{"auths":{"checked.example":{}}}';
