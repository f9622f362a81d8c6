/**
 * The part of Go's net/url that decides how docker reduces a registry key to its host: `url.Parse` (with its
 * checks on control characters, the scheme, userinfo, the host and its port, and the escapes in the path and
 * fragment), `URL.Hostname`, `URL.Port` and `net.JoinHostPort`, as in Go 1.24 (the docker CLI 28.2.2 is built
 * with go1.24.3). Every step is one pass over the text: no regular expression, no backtracking.
 */

/** What `url.Parse` gives for the host, or why it fails (Go's error text, without the input). */
export type GoUrl = { ok: true; scheme: string; host: string; opaque: boolean } | { ok: false; error: string };

const isAlpha = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isHex = (c: number): boolean => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
const unhex = (c: number): number => (isDigit(c) ? c - 0x30 : (c | 0x20) - 0x61 + 10);

type Mode = 'path' | 'host' | 'zone' | 'userPassword' | 'fragment';

/** Go's shouldEscape, for the modes Parse checks (host and zone); the other modes only check escapes. */
function hostShouldEscape(c: number): boolean {
  if (isAlpha(c) || isDigit(c)) return false;
  // sub-delims, ':' '[' ']' '<' '>' '"' and the unreserved marks
  return !"!$&'()*+,;=:[]<>\"-_.~".includes(String.fromCharCode(c));
}

/** Go's unescape: the decoded text, or the error. Non-ASCII characters count as bytes >= 0x80 (allowed). */
function unescape(s: string, mode: Mode): { ok: true; value: string } | { ok: false; error: string } {
  let out = '';
  for (let i = 0; i < s.length; ) {
    const c = s.charCodeAt(i);
    if (c === 0x25) {
      if (i + 2 >= s.length || !isHex(s.charCodeAt(i + 1)) || !isHex(s.charCodeAt(i + 2))) return { ok: false, error: `invalid URL escape ${JSON.stringify(s.slice(i, i + 3))}` };
      const v = (unhex(s.charCodeAt(i + 1)) << 4) | unhex(s.charCodeAt(i + 2));
      const pct25 = s.slice(i, i + 3) === '%25';
      if (mode === 'host' && unhex(s.charCodeAt(i + 1)) < 8 && !pct25) return { ok: false, error: `invalid URL escape ${JSON.stringify(s.slice(i, i + 3))}` };
      if (mode === 'zone' && !pct25 && v !== 0x20 && hostShouldEscape(v)) return { ok: false, error: `invalid URL escape ${JSON.stringify(s.slice(i, i + 3))}` };
      out += String.fromCharCode(v); // a byte; hosts that hold one never equal an image's registry
      i += 3;
      continue;
    }
    if ((mode === 'host' || mode === 'zone') && c < 0x80 && hostShouldEscape(c)) return { ok: false, error: `invalid character ${JSON.stringify(s[i])} in host name` };
    out += s[i];
    i++;
  }
  return { ok: true, value: out };
}

/** Go's validOptionalPort: "" or ":" followed by digits only. */
function validOptionalPort(port: string): boolean {
  if (port === '') return true;
  if (port.charCodeAt(0) !== 0x3a) return false;
  for (let i = 1; i < port.length; i++) if (!isDigit(port.charCodeAt(i))) return false;
  return true;
}

/** Go's validUserinfo: only unreserved characters, sub-delims, ':', '%' and '@' (so no non-ASCII). */
function validUserinfo(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isAlpha(c) || isDigit(c)) continue;
    if (!"-._:~!$&'()*+,;=%@".includes(s[i])) return false;
  }
  return true;
}

/** Go's parseHost: host[:port] or [IPv6][:port], checked and unescaped. */
function parseHost(host: string): { ok: true; value: string } | { ok: false; error: string } {
  if (host.startsWith('[')) {
    const i = host.lastIndexOf(']');
    if (i < 0) return { ok: false, error: "missing ']' in host" };
    const colonPort = host.slice(i + 1);
    if (!validOptionalPort(colonPort)) return { ok: false, error: `invalid port ${JSON.stringify(colonPort)} after host` };
    const zone = host.slice(0, i).indexOf('%25');
    if (zone >= 0) {
      const h1 = unescape(host.slice(0, zone), 'host');
      if (!h1.ok) return h1;
      const h2 = unescape(host.slice(zone, i), 'zone');
      if (!h2.ok) return h2;
      const h3 = unescape(host.slice(i), 'host');
      if (!h3.ok) return h3;
      return { ok: true, value: h1.value + h2.value + h3.value };
    }
  } else {
    const i = host.lastIndexOf(':');
    if (i >= 0 && !validOptionalPort(host.slice(i))) return { ok: false, error: `invalid port ${JSON.stringify(host.slice(i))} after host` };
  }
  return unescape(host, 'host');
}

/** Go's parseAuthority: the host of `userinfo@host`, after checking the user information. */
function parseAuthority(authority: string): { ok: true; value: string } | { ok: false; error: string } {
  const at = authority.lastIndexOf('@');
  const host = parseHost(at < 0 ? authority : authority.slice(at + 1));
  if (!host.ok || at < 0) return host;
  const userinfo = authority.slice(0, at);
  if (!validUserinfo(userinfo)) return { ok: false, error: 'net/url: invalid userinfo' };
  const colon = userinfo.indexOf(':');
  for (const part of colon < 0 ? [userinfo] : [userinfo.slice(0, colon), userinfo.slice(colon + 1)]) {
    const u = unescape(part, 'userPassword');
    if (!u.ok) return u;
  }
  return host;
}

/** Go's getScheme: `[a-zA-Z][a-zA-Z0-9+-.]*:`, else no scheme. */
function getScheme(raw: string): { ok: true; scheme: string; rest: string } | { ok: false; error: string } {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (isAlpha(c)) continue;
    if (isDigit(c) || c === 0x2b || c === 0x2d || c === 0x2e) {
      if (i === 0) return { ok: true, scheme: '', rest: raw };
      continue;
    }
    if (c === 0x3a) return i === 0 ? { ok: false, error: 'missing protocol scheme' } : { ok: true, scheme: raw.slice(0, i), rest: raw.slice(i + 1) };
    return { ok: true, scheme: '', rest: raw };
  }
  return { ok: true, scheme: '', rest: raw };
}

/** Go's `url.Parse(raw)`, reduced to what the host depends on. */
export function parseGoUrl(rawUrl: string): GoUrl {
  const hash = rawUrl.indexOf('#');
  const raw = hash < 0 ? rawUrl : rawUrl.slice(0, hash);
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return { ok: false, error: 'net/url: invalid control character in URL' };
  }
  if (raw === '*') return { ok: true, scheme: '', host: '', opaque: false };
  const s = getScheme(raw);
  if (!s.ok) return s;
  const scheme = s.scheme.toLowerCase();
  let rest = s.rest;
  const q = rest.indexOf('?');
  if (q >= 0) rest = rest.slice(0, q); // the query is not checked by Parse
  if (!rest.startsWith('/')) {
    if (scheme !== '') return fragmentChecked(rawUrl, hash, { ok: true, scheme, host: '', opaque: true });
    const slash = rest.indexOf('/');
    if ((slash < 0 ? rest : rest.slice(0, slash)).includes(':')) return { ok: false, error: 'first path segment in URL cannot contain colon' };
  }
  let host = '';
  if ((scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    let authority = rest.slice(2);
    rest = '';
    const slash = authority.indexOf('/');
    if (slash >= 0) {
      rest = authority.slice(slash);
      authority = authority.slice(0, slash);
    }
    const a = parseAuthority(authority);
    if (!a.ok) return a;
    host = a.value;
  }
  const p = unescape(rest, 'path');
  if (!p.ok) return p;
  return fragmentChecked(rawUrl, hash, { ok: true, scheme, host, opaque: false });
}

function fragmentChecked(rawUrl: string, hash: number, url: GoUrl): GoUrl {
  if (hash < 0 || hash === rawUrl.length - 1) return url;
  const f = unescape(rawUrl.slice(hash + 1), 'fragment');
  return f.ok ? url : f;
}

/** Go's URL.Hostname and URL.Port (splitHostPort): a valid trailing port split off, brackets removed. */
export function splitGoHostPort(hostPort: string): { hostname: string; port: string } {
  let hostname = hostPort;
  let port = '';
  const colon = hostname.lastIndexOf(':');
  if (colon >= 0 && validOptionalPort(hostname.slice(colon))) {
    port = hostname.slice(colon + 1);
    hostname = hostname.slice(0, colon);
  }
  if (hostname.startsWith('[') && hostname.endsWith(']')) hostname = hostname.slice(1, -1);
  return { hostname, port };
}

/** Go's net.JoinHostPort: an IPv6 address (any ':' in the host) in brackets. */
export function joinGoHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
