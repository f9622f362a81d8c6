/**
 * Proxy URLs in `proxies` (docker/cli configfile ProxyConfig): docker sets them as HTTP_PROXY, HTTPS_PROXY, FTP_PROXY,
 * NO_PROXY and ALL_PROXY in the containers it creates and as build arguments of `docker build`.
 */
import { JSONPath } from 'jsonc-parser';
import { ConfigModel } from './model';
import { PROXY_FIELDS, canonicalField, canonicalTopLevel } from './schema';
import { Prop, propsOf } from '../json/reader';

/** Where the password of `scheme://user:password@host` sits in the value: [start, end) of the password, or undefined. */
export function proxyPassword(url: string): { start: number; end: number } | undefined {
  const scheme = url.indexOf('://');
  const start = scheme >= 0 && /^[A-Za-z][A-Za-z0-9+.-]*$/.test(url.slice(0, scheme)) ? scheme + 3 : 0;
  let end = url.length;
  for (const c of ['/', '?', '#']) {
    const i = url.indexOf(c, start);
    if (i >= 0 && i < end) end = i;
  }
  const at = url.lastIndexOf('@', end - 1);
  if (at < start) return undefined;
  const colon = url.indexOf(':', start);
  if (colon < 0 || colon >= at || colon + 1 === at) return undefined;
  return { start: colon + 1, end: at };
}

export interface ProxyValue {
  /** The proxies key: "default" or a daemon host. */
  target: string;
  prop: Prop;
  path: JSONPath;
}

/** The string proxy settings docker reads (proxies.<target>.<field>), in document order. */
export function proxyValues(model: ConfigModel): ProxyValue[] {
  const found: ProxyValue[] = [];
  for (const top of model.topProps) {
    if (canonicalTopLevel(top.key) !== 'proxies') continue;
    for (const target of propsOf(top.value)) {
      for (const f of propsOf(target.value)) {
        if (f.value.type === 'string' && canonicalField(f.key, PROXY_FIELDS)) found.push({ target: target.key, prop: f, path: [top.key, target.key, f.key] });
      }
    }
  }
  return found;
}
