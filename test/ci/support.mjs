// Shared by the CI suite: a copy of this checkout (what a runner or pre-commit gets: the committed
// files, no node_modules, no dist), the npm cache to install from, and a PATH with only node and /usr/bin.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const root = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');

/** node (and its npm) first, then the system's git, bash and pre-commit: nothing else from the host's PATH. */
export const PATH = `${dirname(process.execPath)}:/usr/bin:/bin`;

/**
 * The npm cache `npm ci` of this checkout filled (npm run passes it as npm_config_cache), so installs
 * in the tests find the locked packages there instead of on the network.
 */
export function npmCache() {
  if (process.env.npm_config_cache) return process.env.npm_config_cache;
  return execFileSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8', env: { PATH, HOME: process.env.HOME ?? '/root' } }).trim();
}

/** Copies the files of this checkout git would commit (tracked, and new ones not ignored) into `dest`. */
export function copyCheckout(dest) {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8', env: { PATH } })
    .split('\0')
    .filter(Boolean);
  mkdirSync(dest, { recursive: true });
  for (const f of files) {
    try {
      cpSync(join(root, f), join(dest, f), { recursive: false, verbatimSymlinks: true });
    } catch (e) {
      if (e.code !== 'ENOENT') throw e; // deleted in the work tree, not yet in the index
    }
  }
  return files.length;
}

/** A git identity and nothing from the host's git configuration. */
export function gitEnv(home) {
  return {
    HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'CI Test',
    GIT_AUTHOR_EMAIL: 'ci@example.invalid',
    GIT_COMMITTER_NAME: 'CI Test',
    GIT_COMMITTER_EMAIL: 'ci@example.invalid',
  };
}

/** `user:password` as docker stores it in "auth", and a Docker config holding it in plain text (4:15 is the value). */
export const SECRET = 'hunter2-s3cret-' + 'x7Qp';
export const AUTH = Buffer.from(`ci-bot:${SECRET}`).toString('base64');
export const PLAINTEXT_CONFIG = `{\n  "auths": {\n    "registry.example.com": {\n      "auth": "${AUTH}"\n    }\n  }\n}\n`;

/** A Kubernetes pull secret whose .dockerconfigjson holds that auth (7:23 is the value). */
export const PULL_SECRET = [
  'apiVersion: v1',
  'kind: Secret',
  'metadata:',
  '  name: regcred',
  'type: kubernetes.io/dockerconfigjson',
  'data:',
  `  .dockerconfigjson: ${Buffer.from(JSON.stringify({ auths: { 'registry.example.com': { auth: AUTH } } })).toString('base64')}`,
  '',
].join('\n');

/** Whether `text` holds the secret in any of the forms it was planted in. */
export function leaks(text) {
  const pullSecretData = PULL_SECRET.split('\n')[6].split(': ')[1];
  return [SECRET, AUTH, pullSecretData].some((s) => text.includes(s));
}
