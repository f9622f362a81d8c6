// A generated repository tree for the tree-scan ratios of `npm run bench` (scripts/bench.mjs): the same bytes for the
// same size on every machine (a seeded generator, no clock, no randomness of the host).
//   generateTree(dir, { files }) -> { files, bytes, teams, subtree, subtreeFiles, planted: [{ path, kind, registry }], counts }
// The tree is TEAMS copies of one team's layout, teams/team-NN/, each with about files/TEAMS files:
//   src/        source files (.ts, .go, .py), most of the tree
//   deploy/     Kubernetes manifests (1,000 in the full tree); some are pull secrets
//               (type kubernetes.io/dockerconfigjson), most of those with credentials (planted)
//   ci/         Docker configs (.docker/config.json); some with a plaintext "auth" (planted), the others with
//               credential helpers only
//   hosts/      Podman auth files (containers/auth.json); some with a plaintext "auth" (planted)
//   scripts/    shell scripts; one per team logs in with a Docker personal access token on the command line
//               (planted: a Docker credential in a file no Docker config reader reads)
//   docs/       Markdown, some of it with example configs that hold no credentials (`"auths": {..: {}}`)
//   .github/    CI workflows (YAML that is not a manifest)
// `planted` lists every file that holds a Docker credential, and what kind of file it is: what each scanner should
// find. One team (teams/team-00) is a subtree with every kind in it, for scanners too slow for the whole tree.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const TEAMS = 10;
export const FULL_TREE_FILES = 17_000;

/** Files of one team of the full tree, by kind; src fills up to FULL_TREE_FILES / TEAMS. */
const PER_TEAM = { manifests: 100, pullSecrets: 8, plantedPullSecrets: 6, dockerConfigs: 15, plantedDockerConfigs: 5,
  podmanFiles: 8, plantedPodmanFiles: 3, scripts: 10, plantedScripts: 1, docs: 150, docsWithExamples: 10, workflows: 10 };

/** mulberry32: a small seeded generator, the same sequence everywhere. */
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const WORDS = ['request', 'handler', 'config', 'cache', 'client', 'server', 'index', 'buffer', 'token', 'route', 'value',
  'result', 'stream', 'parser', 'worker', 'queue', 'record', 'entry', 'update', 'status'];
const REGISTRIES = ['ghcr.io', 'quay.io', 'registry.gitlab.com', 'registry.example.com:5000', '123456789012.dkr.ecr.us-east-1.amazonaws.com',
  'europe-docker.pkg.dev', 'harbor.internal.example.com'];
const DOCKER_HUB = 'https://index.docker.io/v1/';

export function generateTree(dir, { files = FULL_TREE_FILES } = {}) {
  if (!(Number.isInteger(files) && files >= TEAMS * 40)) throw new Error(`--tree-files: at least ${TEAMS * 40} files, not ${files}`);
  const random = generator(0x5eed);
  const pick = (xs) => xs[Math.floor(random() * xs.length)];
  const chars = (n, alphabet = ALNUM) => Array.from({ length: n }, () => pick(alphabet)).join('');
  const b64 = (s) => Buffer.from(s, 'utf8').toString('base64');
  const scale = files / FULL_TREE_FILES;
  const n = (key) => Math.max(1, Math.round(PER_TEAM[key] * scale));
  const planted = [];
  const counts = { source: 0, manifests: 0, pullSecrets: 0, dockerConfigs: 0, podmanFiles: 0, scripts: 0, docs: 0, workflows: 0 };
  let written = 0;
  let bytes = 0;
  let subtreeFiles = 0;
  const write = (rel, text) => {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    written++;
    bytes += Buffer.byteLength(text);
  };
  /** A credential: user and password (a Docker personal access token for Docker Hub). */
  const credential = (registry) => {
    const user = `${pick(WORDS)}-${chars(4, 'abcdefghijklmnopqrstuvwxyz')}`;
    const password = registry === DOCKER_HUB ? `dckr_pat_${chars(27)}` : chars(24);
    return { user, password, auth: b64(`${user}:${password}`) };
  };

  for (let team = 0; team < TEAMS; team++) {
    const base = `teams/team-${String(team).padStart(2, '0')}`;
    const before = written;

    // Kubernetes manifests: pull secrets first (most with credentials), then workloads and their companions.
    for (let i = 0; i < n('manifests'); i++) {
      const app = `app-${String(Math.floor(i / 5)).padStart(3, '0')}`;
      const rel = `${base}/deploy/${app}/${i < n('pullSecrets') ? 'pull-secret' : ['deployment', 'service', 'configmap', 'ingress', 'secret'][i % 5]}-${i}.yaml`;
      if (i < n('pullSecrets')) {
        const registry = i === 0 ? DOCKER_HUB : pick(REGISTRIES);
        const withCredential = i < n('plantedPullSecrets');
        const entry = withCredential ? { auth: credential(registry).auth } : {};
        const config = b64(JSON.stringify({ auths: { [registry]: entry } }));
        write(rel, `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${app}-pull\n  namespace: team-${team}\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: ${config}\n`);
        counts.pullSecrets++;
        if (withCredential) planted.push({ path: rel, kind: 'pull secret', registry });
      } else if (i % 5 === 0) {
        write(rel, `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${app}\nspec:\n  replicas: ${1 + (i % 3)}\n  selector:\n    matchLabels:\n      app: ${app}\n  template:\n    metadata:\n      labels:\n        app: ${app}\n    spec:\n      imagePullSecrets:\n        - name: ${app}-pull\n      containers:\n        - name: ${app}\n          image: ${pick(REGISTRIES)}/team-${team}/${app}:1.${i}\n          ports:\n            - containerPort: ${8000 + i}\n`);
      } else if (i % 5 === 1) {
        write(rel, `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${app}\nspec:\n  selector:\n    app: ${app}\n  ports:\n    - port: 80\n      targetPort: ${8000 + i}\n`);
      } else if (i % 5 === 4) {
        write(rel, `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${app}-settings\ntype: Opaque\nstringData:\n  LOG_LEVEL: ${pick(['debug', 'info', 'warn'])}\n  FEATURE_${pick(WORDS).toUpperCase()}: "true"\n`);
      } else {
        write(rel, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${app}-${i}\ndata:\n${Array.from({ length: 8 }, (_, k) => `  ${pick(WORDS)}_${k}: "${chars(12)}"`).join('\n')}\n`);
      }
      counts.manifests++;
    }

    // Docker configs: some with a plaintext auth, the others with credential helpers and `{}` placeholders.
    for (let i = 0; i < n('dockerConfigs'); i++) {
      const rel = `${base}/ci/runner-${i}/.docker/config.json`;
      if (i < n('plantedDockerConfigs')) {
        const registry = i === 0 ? DOCKER_HUB : pick(REGISTRIES);
        write(rel, `${JSON.stringify({ auths: { [registry]: { auth: credential(registry).auth } }, psFormat: 'table {{.Names}}' }, null, '\t')}\n`);
        planted.push({ path: rel, kind: 'Docker config', registry });
      } else {
        const registry = pick(REGISTRIES);
        write(rel, `${JSON.stringify({ auths: { [registry]: {} }, credHelpers: { [registry]: 'dcg-bench' } }, null, '\t')}\n`);
      }
      counts.dockerConfigs++;
    }

    // Podman auth files.
    for (let i = 0; i < n('podmanFiles'); i++) {
      const rel = `${base}/hosts/host-${i}/containers/auth.json`;
      const registry = pick(REGISTRIES);
      const withCredential = i < n('plantedPodmanFiles');
      write(rel, `${JSON.stringify({ auths: { [registry]: withCredential ? { auth: credential(registry).auth } : {} } }, null, '\t')}\n`);
      if (withCredential) planted.push({ path: rel, kind: 'Podman auth file', registry });
      counts.podmanFiles++;
    }

    // Shell scripts; one logs in with a token on the command line.
    for (let i = 0; i < n('scripts'); i++) {
      const rel = `${base}/scripts/${pick(WORDS)}-${i}.sh`;
      if (i < n('plantedScripts')) {
        const c = credential(DOCKER_HUB);
        write(rel, `#!/bin/sh\nset -eu\ndocker login -u ${c.user} -p ${c.password}\ndocker push team-${team}/app:latest\n`);
        planted.push({ path: rel, kind: 'shell script', registry: DOCKER_HUB });
      } else {
        write(rel, `#!/bin/sh\nset -eu\n${Array.from({ length: 6 }, () => `echo "${pick(WORDS)} ${chars(8)}"`).join('\n')}\n`);
      }
      counts.scripts++;
    }

    // Docs, a few with example configs without credentials.
    for (let i = 0; i < n('docs'); i++) {
      const rel = `${base}/docs/${WORDS[i % 8]}/${pick(WORDS)}-${i}.md`;
      const para = () => Array.from({ length: 40 }, () => pick(WORDS)).join(' ');
      const example = i < n('docsWithExamples')
        ? `\n\n\`\`\`json\n{ "auths": { "${pick(REGISTRIES)}": {} }, "credsStore": "pass" }\n\`\`\`\n\nA pull secret is of type kubernetes.io/dockerconfigjson.\n`
        : '';
      write(rel, `# ${pick(WORDS)} ${i}\n\n${para()}\n\n${para()}${example}\n`);
      counts.docs++;
    }

    // CI workflows: YAML that is not a manifest.
    for (let i = 0; i < n('workflows'); i++) {
      write(`${base}/.github/workflows/${pick(WORDS)}-${i}.yml`, `name: ${pick(WORDS)}\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: make ${pick(WORDS)}\n`);
      counts.workflows++;
    }

    // Source files up to the team's share.
    const share = Math.round(files / TEAMS) - (written - before);
    for (let i = 0; i < share; i++) {
      const ext = ['ts', 'ts', 'go', 'py'][i % 4];
      // about 12 files a directory, as in a typical repository
      const rel = `${base}/src/pkg-${String(Math.floor(i / 36)).padStart(3, '0')}/${['lib', 'internal', 'cmd'][i % 3]}/${pick(WORDS)}-${i}.${ext}`;
      write(rel, source(ext, 20 + Math.floor(random() * 60), pick, chars));
      counts.source++;
    }
    if (team === 0) subtreeFiles = written;
  }
  return { files: written, bytes, teams: TEAMS, subtree: 'teams/team-00', subtreeFiles, planted, counts };
}

function source(ext, lines, pick, chars) {
  const out = [];
  for (let i = 0; i < lines; i++) {
    const a = pick(WORDS);
    const b = pick(WORDS);
    if (ext === 'go') out.push(`\t${a}${i} := ${b}(${JSON.stringify(chars(10))})`);
    else if (ext === 'py') out.push(`    ${a}_${i} = ${b}(${JSON.stringify(chars(10))})`);
    else out.push(`  const ${a}${i} = ${b}(${JSON.stringify(chars(10))});`);
  }
  if (ext === 'go') return `package main\n\nfunc run() {\n${out.join('\n')}\n}\n`;
  if (ext === 'py') return `def run():\n${out.join('\n')}\n`;
  return `export function run(): void {\n${out.join('\n')}\n}\n`;
}
