/**
 * What `check` reads: named files as they are; in directories and glob matches, the files whose
 * path names a Docker config (`.docker/config.json`), a Podman auth file (`containers/auth.json`,
 * `$REGISTRY_AUTH_FILE`), a legacy `.dockercfg` or a YAML manifest (kept only when it holds a pull secret type).
 * A searched tree is read as it is: links to directories are not entered, and a symbolic link
 * whose target lies outside the searched directory is not followed but reported as skipped (a
 * repository could otherwise make CI read the runner's own ~/.docker/config.json, or /dev/zero).
 */
import * as fs from 'fs';
import * as path from 'path';
import { ConfigKind, kindOfPath, t } from '../core';
import { describeFsError } from './files';

export interface Candidate {
  path: string;
  kind: ConfigKind;
  /** Named on the command line: always reported, even a YAML file without a pull secret. */
  named: boolean;
  /** Found by searching: the file to open (the target of a link inside the searched tree), opened without following a link. */
  read?: string;
}

export interface Discovery {
  files: Candidate[];
  /** Arguments or directories that could not be read. */
  errors: Array<{ path: string; error: string }>;
  /** Symbolic links out of the searched directory: not followed. */
  skipped: Array<{ path: string; reason: string }>;
}

/** Never searched: they hold other projects' files. */
const SKIPPED_DIRS = new Set(['.git', 'node_modules']);

export function isGlob(arg: string): boolean {
  return /[*?[\]{}]/.test(arg);
}

/** A glob as a regular expression over `/`-separated paths: `**`, `*`, `?`, `[...]`, `{a,b}`. */
export function globToRegExp(glob: string): RegExp {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
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
  try {
    return new RegExp(`^${re}$`);
  } catch {
    return new RegExp(`^${escape(glob)}$`); // e.g. a class the regular expression refuses: the text as it is
  }
}

/** The directory a glob's matches lie in: its leading segments without glob characters. */
function globBase(glob: string): string {
  const segments = glob.split('/');
  const fixed = segments.slice(0, segments.findIndex(isGlob));
  return fixed.length === 0 ? '.' : fixed.join('/') || '/';
}

/**
 * Every file below `root` in name order, depth first, without recursion (a crafted tree can be deep).
 * `visit` gets the path and whether it is a symbolic link.
 */
export function walk(root: string, out: Discovery, visit: (file: string, link: boolean) => void): void {
  const todo: Array<{ path: string; dir: boolean; link: boolean }> = [{ path: root, dir: true, link: false }];
  for (let item = todo.pop(); item; item = todo.pop()) {
    if (!item.dir) {
      visit(item.path, item.link);
      continue;
    }
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(item.path, { withFileTypes: true });
    } catch (e) {
      out.errors.push({ path: item.path, error: describeFsError(e) });
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (let i = entries.length - 1; i >= 0; i--) {
      const e = entries[i];
      const p = path.join(item.path, e.name);
      if (e.isDirectory()) {
        if (!SKIPPED_DIRS.has(e.name)) todo.push({ path: p, dir: true, link: false });
      } else if (e.isFile() || e.isSymbolicLink()) todo.push({ path: p, dir: false, link: e.isSymbolicLink() }); // a link to a directory is not entered
      else todo.push({ path: p, dir: false, link: false }); // a FIFO, device or socket: refused when read
    }
  }
}

/** Whether `target` (a real path) lies in `root` (a real path). */
function inside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + path.sep) && !path.isAbsolute(rel));
}

export function discover(args: string[], env: NodeJS.ProcessEnv): Discovery {
  const out: Discovery = { files: [], errors: [], skipped: [] };
  const seen = new Set<string>();
  const add = (file: string, named: boolean, read?: string) => {
    const kind = kindOfPath(file, env) ?? (named ? 'docker' : undefined);
    const key = path.resolve(file);
    if (!kind || seen.has(key)) return;
    seen.add(key);
    out.files.push(named ? { path: file, kind, named } : { path: file, kind, named, read: read ?? file });
  };
  /** Searches `dir`; a link is followed only when its target lies inside `dir`. */
  const search = (dir: string, match: (file: string) => boolean) => {
    let root: string | undefined;
    walk(dir, out, (file, link) => {
      if (!match(file)) return;
      if (!link) return add(file, false);
      if (!kindOfPath(file, env)) return;
      let target: string;
      try {
        root ??= fs.realpathSync(dir);
        target = fs.realpathSync(file);
      } catch (e) {
        out.errors.push({ path: file, error: describeFsError(e) });
        return;
      }
      if (inside(root, target)) return add(file, false, target);
      const key = path.resolve(file);
      if (seen.has(key)) return;
      seen.add(key);
      out.skipped.push({ path: file, reason: t('skipped: a symbolic link to a file outside {0} is not followed (name the file to check it)', dir) });
    });
  };
  for (const arg of args) {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(arg);
    } catch (e) {
      if (!isGlob(arg)) out.errors.push({ path: arg, error: describeFsError(e) });
    }
    if (stat?.isDirectory()) search(arg, () => true);
    else if (stat) add(arg, true);
    else if (isGlob(arg)) {
      const glob = path.posix.normalize(arg.replace(/\\/g, '/'));
      const re = globToRegExp(glob);
      search(globBase(glob), (f) => re.test(f.replace(/\\/g, '/')));
    }
  }
  return out;
}
