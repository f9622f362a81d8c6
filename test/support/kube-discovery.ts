// kubectl without a cluster: `kubectl create --dry-run=client -f FILE` still asks an API server which kinds exist
// (discovery: /api, /apis, /api/v1) before it reads the file. This stand-in answers discovery for core/v1 Secrets only
// and nothing else (no OpenAPI schema: callers pass --validate=false). kubectl then decodes the file locally and
// prints the object; a file kubectl cannot read (bad YAML, no kind, an unknown kind) still fails.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';

const ANSWERS: Record<string, object> = {
  '/api': { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' }] },
  '/apis': { kind: 'APIGroupList', apiVersion: 'v1', groups: [] },
  '/api/v1': { kind: 'APIResourceList', groupVersion: 'v1', resources: [{ name: 'secrets', singularName: 'secret', namespaced: true, kind: 'Secret', verbs: ['create', 'get', 'list'] }] },
};

/** Runs kubectl with `args` against the stand-in (kubeconfig and HOME in `dir`); resolves with its exit status and output. */
export async function kubectlOffline(args: string[], dir: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const server = http.createServer((req, res) => {
    const body = ANSWERS[(req.url ?? '').split('?')[0]];
    if (!body) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const port = (server.address() as { port: number }).port;
    const kubeconfig = path.join(dir, 'kubeconfig');
    fs.writeFileSync(
      kubeconfig,
      `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: http://127.0.0.1:${port}\ncontexts:\n- name: c\n  context:\n    cluster: c\n    user: u\nusers:\n- name: u\n  user: {}\ncurrent-context: c\n`,
    );
    const child = spawn('kubectl', args, { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, KUBECONFIG: kubeconfig } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const status = await new Promise<number | null>((resolve, reject) => {
      child.on('error', (e) => reject(new Error(`kubectl is needed on PATH (Debian: apt-get install kubernetes-client): ${e.message}`)));
      child.on('close', resolve);
    });
    return { status, stdout, stderr };
  } finally {
    server.close();
  }
}
