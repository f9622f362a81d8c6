/**
 * The legacy ~/.dockercfg (a map of registries, no `auths`) checked the way containers/image reads it (the `dockercfg`
 * client, src/core/clients/dockercfg.ts): the text is analysed as the value of `auths` in a wrapping object, and every
 * finding is moved back onto the file's own text and paths. A top level that is not an object is the whole text
 * refused (json.Unmarshal into a map fails), told as such rather than as a wrong "auths"; a config.json field written
 * at the top (the config.json layout) is told once instead of as an empty registry with unknown keys.
 */
import { canonicalTopLevel } from './docker/schema';
import { Analysis, AnalyzeOptions, Finding, analyze } from './rules';
import { unknownKey } from './rules/keys';

const WRAP = '{"auths":';

export function analyzeDockercfg(text: string, options: Omit<AnalyzeOptions, 'profile'> = {}): Analysis {
  // A leading BOM (which Go's decoder rejects) is reported as in any file and read as a space: offsets stay the file's.
  const bom = !!options.bom || text.charCodeAt(0) === 0xfeff;
  const inner = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  const analysis = analyze(`${WRAP}${inner}}`, { ...options, bom, profile: 'dockercfg' });
  // config.json fields written as registries: one finding each (a value that is not an object keeps its wrong-type)
  const layout = new Set<string>();
  const wrapped: Finding[] = [];
  for (const entry of analysis.model.authEntries) {
    if (!canonicalTopLevel(entry.key) || layout.has(entry.key)) continue;
    layout.add(entry.key);
    if (entry.isObject) wrapped.push(unknownKey.finding({ prop: entry.prop, at: 'key', messageId: 'configLayout', data: { key: entry.key } }));
  }
  for (const f of analysis.findings) if (f.rule === 'wrong-type' || !layout.has(String(f.path[1]))) wrapped.push(f);
  const findings: Finding[] = [];
  const clamp = (n: number): number => Math.max(0, Math.min(text.length, n));
  for (const f of wrapped) {
    const start = clamp(f.offset - WRAP.length);
    const end = Math.max(start, clamp(f.offset + f.length - WRAP.length));
    const moved: Finding = { ...f, offset: start, length: end - start, path: f.path[0] === 'auths' ? f.path.slice(1) : f.path };
    if (f.rule === 'wrong-type' && f.path.length === 1 && f.path[0] === 'auths') findings.push({ ...moved, messageId: 'rootRefused', data: { actual: String(f.data.actual), client: 'dockercfg' } });
    else if (f.rule === 'wrong-type' && typeof f.data.name === 'string' && f.data.name.startsWith('auths.')) findings.push({ ...moved, data: { ...f.data, name: f.data.name.slice(6) } });
    else findings.push(moved);
  }
  findings.sort((a, b) => a.offset - b.offset || a.rule.localeCompare(b.rule));
  return { ...analysis, findings };
}
