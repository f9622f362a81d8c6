// The Debian packages the test suites and `npm start` need, in one list, and the one way they are installed.
//   node scripts/system-packages.mjs [SUITE...]   install what is missing (as root), or fail at once with the command
// `npm test` runs this first with every suite, so a fresh machine needs nothing but `npm ci && npm test`.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Per suite: the packages it runs for real. */
export const SUITE_PACKAGES = {
  // the real-editor host (scripts/install-code-server.mjs): a browser, compilers and headers for native modules, rg
  editor: ['chromium', 'build-essential', 'python3', 'libkrb5-dev', 'ripgrep'],
  // the real credential helper: docker-credential-pass with pass and a throwaway GPG key
  helpers: ['golang-docker-credential-helpers', 'pass', 'gnupg'],
  // the hostile suite: strace delays fsync to open the lost-update window deterministically; the move attacks
  // also run the real docker-credential-pass
  hostile: ['strace', 'golang-docker-credential-helpers', 'pass', 'gnupg'],
  // the real containers/image clients against the distribution registry (test/clients); kubectl is not here:
  // Debian's kubernetes-client conflicts with the /usr/bin/kubectl these machines have
  clients: ['podman', 'skopeo', 'buildah', 'docker-registry', 'apache2-utils', 'openssl'],
  // the verify suite: the real distribution registry with htpasswd users and a throwaway CA (openssl),
  // and the real docker-credential-pass
  verify: ['docker-registry', 'apache2-utils', 'openssl', 'golang-docker-credential-helpers', 'pass', 'gnupg'],
  // the CI integrations (test/ci): Debian's pre-commit (its node language uses Debian's nodeenv) runs
  // .pre-commit-hooks.yaml on throwaway git repositories
  ci: ['pre-commit', 'git'],
  // the end-to-end test of Test login, export and the image hover (test/e2e/features.test.mjs): the real distribution
  // registry with an htpasswd user, on 127.0.0.1 (the editor packages as well)
  e2e: ['docker-registry', 'apache2-utils'],
  // npm run bench: ripgrep is the floor of the tree-scan ratio (test/bench/cli.mjs runs /usr/bin/rg); the editor
  // figures install the `editor` packages through scripts/install-code-server.mjs
  bench: ['ripgrep'],
};

const log = (msg) => console.error(`[system-packages] ${msg}`);

export function missingPackages(packages) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Package} ${db:Status-Status}\n', ...packages], { encoding: 'utf8' });
  if (r.error) return []; // not Debian: nothing to check with; the suites say what is missing
  const installed = new Set(r.stdout.split('\n').filter((l) => l.endsWith(' installed')).map((l) => l.split(' ')[0]));
  return packages.filter((p) => !installed.has(p));
}

/** Installs the missing packages when running as root with apt-get; otherwise throws with the command to run. */
export function ensureSystemPackages(packages) {
  const missing = missingPackages(packages);
  if (missing.length === 0) return;
  const args = ['install', '-y', '--no-install-recommends', ...missing];
  const canInstall = process.getuid?.() === 0 && spawnSync('apt-get', ['--version']).status === 0;
  if (!canInstall) {
    throw new Error(`missing system packages; install them with:\n  sudo apt-get update && sudo apt-get install ${args.slice(1).join(' ')}`);
  }
  log(`apt-get ${args.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (a) => spawnSync('apt-get', a, { stdio: ['ignore', 'inherit', 'inherit'], env }).status === 0;
  // An old or absent package list is the usual reason for a failure: refresh it once and retry.
  if (!apt(args) && !(apt(['update']) && apt(args))) throw new Error('apt-get install failed');
}

export function packagesOf(suites) {
  const names = suites.length ? suites : Object.keys(SUITE_PACKAGES);
  for (const s of names) if (!SUITE_PACKAGES[s]) throw new Error(`unknown suite ${s}; known: ${Object.keys(SUITE_PACKAGES).join(', ')}`);
  return [...new Set(names.flatMap((s) => SUITE_PACKAGES[s]))];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    ensureSystemPackages(packagesOf(process.argv.slice(2)));
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
