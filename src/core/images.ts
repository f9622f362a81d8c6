/**
 * The images a project pulls: `FROM` in Dockerfiles and Containerfiles (moby/buildkit dockerfile frontend: line
 * continuations, global `ARG` defaults before the first `FROM`, stage names, `scratch`), `image:` in Compose files and
 * Kubernetes manifests, `container:`, `services:` and `docker://` in GitHub Actions workflows. One pass over the
 * lines, linear in the text; YAML files are read line by line (a key's plain value on its own line), not parsed.
 */
import { markdownText } from './display';
import { registryOfImage } from './docker/registry';
import { HoverInfo } from './hover';
import { t } from './l10n';
import { resolutionText } from './resolveText';
import { resolveImage, ResolveOptions } from './resolve';

export type ImageFileKind = 'dockerfile' | 'compose' | 'kubernetes' | 'workflow';

export interface ImageRef {
  image: string;
  /** 0-based line of the reference, and where the reference sits in the text. */
  line: number;
  offset: number;
  length: number;
}

/** The kind of a file by its path (`/`-separated or not), or undefined when it is none of these. */
export function imageFileKind(file: string, text?: string): ImageFileKind | undefined {
  const p = file.replace(/\\/g, '/');
  const base = p.slice(p.lastIndexOf('/') + 1);
  if (/^(Dockerfile|Containerfile)([.-].*)?$/i.test(base) || /\.(dockerfile|containerfile)$/i.test(base)) return 'dockerfile';
  if (!/\.ya?ml$/i.test(base)) return undefined;
  if (/(^|\/)\.github\/workflows\/[^/]+$/.test(p)) return 'workflow';
  if (/^(docker-)?compose([.-].*)?\.ya?ml$/i.test(base)) return 'compose';
  if (text === undefined || (/^\s*apiVersion\s*:/m.test(text) && /^\s*kind\s*:/m.test(text))) return 'kubernetes';
  return undefined;
}

/** A YAML plain or quoted scalar at the start of `value`, without a trailing comment; undefined for anything else. */
function scalar(value: string): { text: string; at: number } | undefined {
  const m = /^(?:"([^"\\]*)"|'([^']*)'|([^\s#'"{[&*!|>][^\s#]*))\s*(#.*)?$/.exec(value);
  if (!m) return undefined;
  const text = m[1] ?? m[2] ?? m[3];
  return { text, at: m[1] !== undefined || m[2] !== undefined ? 1 : 0 };
}

/** Whether a reference is templated (Compose `${VAR}`, Actions `${{ }}`, Helm `{{ }}`): not a literal image. */
const templated = (s: string) => /[$]|\{\{/.test(s);

function yamlRefs(text: string, kind: ImageFileKind): ImageRef[] {
  const refs: ImageRef[] = [];
  const keys = kind === 'workflow' ? /^(\s*(?:-\s+)?)(image|container|uses)(\s*:\s*)(.*)$/ : /^(\s*(?:-\s+)?)(image)(\s*:\s*)(.*)$/;
  let start = 0;
  for (let line = 0; start <= text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const m = keys.exec(text.slice(start, end).replace(/\r$/, ''));
    if (m) {
      const v = scalar(m[4]);
      let image = v?.text;
      if (image && m[2] === 'uses') image = image.startsWith('docker://') ? image.slice('docker://'.length) : undefined;
      if (image && !templated(image)) {
        const offset = start + m[1].length + m[2].length + m[3].length + v!.at + (m[2] === 'uses' ? 'docker://'.length : 0);
        refs.push({ image, line, offset, length: image.length });
      }
    }
    start = end + 1;
  }
  return refs;
}

/** `$VAR`, `${VAR}`, `${VAR:-default}` and `${VAR-default}` with the values known; undefined when one is not. */
function expand(word: string, args: Map<string, string>): string | undefined {
  let unknown = false;
  const out = word.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g, (_m, braced: string | undefined, dflt: string | undefined, bare: string | undefined) => {
    const value = args.get((braced ?? bare)!);
    if (value !== undefined && value !== '') return value;
    if (dflt !== undefined) return dflt;
    unknown = true;
    return '';
  });
  return unknown || out.includes('$') ? undefined : out;
}

function dockerfileRefs(text: string): ImageRef[] {
  const refs: ImageRef[] = [];
  const globalArgs = new Map<string, string>();
  const stages = new Set<string>();
  let seenFrom = false;
  let start = 0;
  for (let line = 0; start <= text.length; line++) {
    // one instruction: its lines joined at trailing backslashes (comment lines inside are dropped)
    const first = line;
    let instruction = '';
    let firstEnd = -1;
    for (;;) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      const raw = text.slice(start, end).replace(/\r$/, '');
      if (firstEnd < 0) firstEnd = start;
      start = end + 1;
      if (instruction !== '' && /^\s*#/.test(raw)) {
        line++;
        continue;
      }
      if (/\\\s*$/.test(raw) && start <= text.length) {
        instruction += raw.replace(/\\\s*$/, ' ');
        line++;
        continue;
      }
      instruction += raw;
      break;
    }
    const words = instruction.trim().split(/\s+/);
    const op = words[0]?.toUpperCase();
    if (op === 'ARG' && !seenFrom) {
      for (const w of words.slice(1)) {
        const eq = w.indexOf('=');
        const name = eq < 0 ? w : w.slice(0, eq);
        if (eq >= 0) globalArgs.set(name, w.slice(eq + 1).replace(/^"(.*)"$|^'(.*)'$/, '$1$2'));
      }
    } else if (op === 'FROM') {
      seenFrom = true;
      const rest = words.slice(1).filter((w) => !w.startsWith('--'));
      const written = rest[0];
      const image = written ? expand(written, globalArgs) : undefined;
      // a FROM names an earlier stage, never its own (buildkit: `FROM x AS x` pulls the image x)
      const known = image !== undefined && stages.has(image.toLowerCase());
      if (rest.length >= 3 && rest[1].toLowerCase() === 'as') stages.add(rest[2].toLowerCase());
      if (!image || !written || known || image.toLowerCase() === 'scratch') continue;
      const inLine = text.indexOf(written, firstEnd);
      refs.push({ image, line: first, offset: inLine >= 0 ? inLine : firstEnd, length: written.length });
    }
  }
  return refs;
}

export function imageRefs(text: string, kind: ImageFileKind): ImageRef[] {
  return kind === 'dockerfile' ? dockerfileRefs(text) : yamlRefs(text, kind);
}

/** Where docker takes the credentials for an image from (no helper runs), as `images` reports it. */
export interface ImageCredentials {
  image: string;
  registry: string;
  source: 'credHelpers' | 'credsStore' | 'auths' | 'none';
  helper: string | null;
  entry: string | null;
}

export function imageCredentials(configText: string, image: string, options: ResolveOptions = {}): ImageCredentials {
  const r = resolveImage(configText, image, options);
  return { image, registry: registryOfImage(image).registry, source: r.source, helper: r.helper, entry: r.entry };
}

/**
 * The hover on an image reference: the registry and where docker takes the credentials from (resolve, no helper
 * runs), as Markdown with every text from a file escaped. Undefined when `offset` is on no image reference.
 */
export function imageHoverAt(text: string, kind: ImageFileKind, offset: number, configText: string, configFile: string, options: ResolveOptions = {}): HoverInfo | undefined {
  const ref = imageRefs(text, kind).find((r) => offset >= r.offset && offset <= r.offset + r.length);
  if (!ref) return undefined;
  const r = resolveImage(configText, ref.image, options);
  const lines = resolutionText(r, { image: ref.image, file: configFile }).lines.map((l) => markdownText(l));
  const head = `**${markdownText(t('Image'))}** ${markdownText(ref.image)}`;
  const flag = r.source === 'none' ? [`⚠ ${markdownText(t('No credentials for this registry: docker pulls anonymously, and a private image fails.'))}`] : [];
  return { offset: ref.offset, length: ref.length, markdown: [head, '', ...lines.map((l) => `${l}  `), ...(flag.length ? ['', ...flag] : [])].join('\n') };
}
