/** Docker's reading of an `auth` value (docker/cli configfile `decodeAuth`). */

export type AuthDecode =
  | { ok: true; username: string; password: string }
  | { ok: false; reason: 'base64'; detail: string }
  | { ok: false; reason: 'format'; detail: string };

const B64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Decodes like Go's `base64.StdEncoding` (padded, standard alphabet; `\r` and `\n` are skipped)
 * followed by docker's split at the first `:`. Never puts the value into `detail`.
 */
export function decodeAuth(value: string): AuthDecode {
  const compact = value.includes('\n') || value.includes('\r') ? value.replace(/[\r\n]/g, '') : value;
  if (compact.length % 4 !== 0) {
    return { ok: false, reason: 'base64', detail: 'its length is not a multiple of 4; is "=" padding missing?' };
  }
  if (!B64.test(compact)) {
    const bad = compact.search(/[^A-Za-z0-9+/=]/);
    if (bad >= 0) {
      const ch = compact[bad];
      const what = ch === '-' || ch === '_' ? 'URL-safe character' : /\s/.test(ch) ? 'white space' : 'character';
      return { ok: false, reason: 'base64', detail: `${what} not in the standard base64 alphabet at byte ${bad}` };
    }
    return { ok: false, reason: 'base64', detail: `"=" padding in the middle` };
  }
  const bytes = Buffer.from(compact, 'base64');
  const text = bytes.toString('utf8');
  const colon = text.indexOf(':');
  if (colon < 0) return { ok: false, reason: 'format', detail: 'the decoded text has no ":"' };
  if (colon === 0) return { ok: false, reason: 'format', detail: 'the username is empty' };
  return { ok: true, username: text.slice(0, colon), password: text.slice(colon + 1).replace(/^\0+|\0+$/g, '') };
}

export function encodeAuth(username: string, password: string): string {
  return Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
}
