/**
 * What `check` reads: named files as they are; in directories and glob matches, the files whose
 * path names a Docker config (`.docker/config.json`), a Podman auth file (`containers/auth.json`,
 * `$REGISTRY_AUTH_FILE`) or a YAML manifest (kept only when it holds a pull secret type).
 */
import * as fs from 'fs';
import * as path from 'path';
import { ConfigKind, kindOfPath } from '../core/kinds';
import { describeFsError } from './files';

export interface Candidate {
  path: string;
  kind: ConfigKind;
  /** Named on the command line: always reported, even a YAML file without a pull secret. */
  named: boolean;
}

export interface Discovery {
  files: Candidate[];
  /** Arguments or directories that could not be read. */
  errors: Array<{ path: string; error: string }>;
}

/** Never searched: they hold other projects' files. */
const SKIPPED_DIRS = new Set(['.git', 'node_modules']);

export function isGlob(arg: string): boolean {
  return /[*?[\]{}]/.test(arg);
}

/** A glob as a regular expression over `/`-separated paths: `**`, `*`, `?`, `[...]`, `{a,b}`. */
export function globToRegExp(glob: string): RegExp {
  const escape = (s: string) => s.replace(/[.+^$()|\\/]/g, '\\$&');
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    const close = c === '[' ? glob.indexOf(']', i + 2) : c === '{' ? glob.indexOf('}', i + 1) : -1;
    if (c === '*' && glob[i + 1] === '*') {
      const dirs = glob[i + 2] === '/';
      re += dirs ? '(?:[^/]*/)*' : '.*';
      i += dirs ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[' && close > 0) {
      re += '[' + glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
      i = close;
    } else if (c === '{' && close > 0) {
      re += '(?:' + glob.slice(i + 1, close).split(',').map(escape).join('|') + ')';
      i = close;
    } else re += escape(c);
  }
  return new RegExp(`^${re}$`);
}

/** The directory a glob's matches lie in: its leading segments without glob characters. */
function globBase(glob: string): string {
  const segments = glob.split('/');
  const fixed = segments.slice(0, segments.findIndex(isGlob));
  return fixed.length === 0 ? '.' : fixed.join('/') || '/';
}

function walk(dir: string, out: Discovery, visit: (file: string) => void): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    out.errors.push({ path: dir, error: describeFsError(e) });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIPPED_DIRS.has(e.name)) walk(p, out, visit);
    } else if (e.isFile() || e.isSymbolicLink()) visit(p); // a link to a directory is not followed
  }
}

export function discover(args: string[], env: NodeJS.ProcessEnv): Discovery {
  const out: Discovery = { files: [], errors: [] };
  const seen = new Set<string>();
  const add = (file: string, named: boolean) => {
    const kind = kindOfPath(file, env) ?? (named ? 'docker' : undefined);
    const key = path.resolve(file);
    if (!kind || seen.has(key)) return;
    seen.add(key);
    out.files.push({ path: file, kind, named });
  };
  for (const arg of args) {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(arg);
    } catch (e) {
      if (!isGlob(arg)) out.errors.push({ path: arg, error: describeFsError(e) });
    }
    if (stat?.isDirectory()) walk(arg, out, (f) => add(f, false));
    else if (stat) add(arg, true);
    else if (isGlob(arg)) {
      const glob = path.posix.normalize(arg.replace(/\\/g, '/'));
      const re = globToRegExp(glob);
      walk(globBase(glob), out, (f) => {
        if (re.test(f.replace(/\\/g, '/'))) add(f, false);
      });
    }
  }
  return out;
}
