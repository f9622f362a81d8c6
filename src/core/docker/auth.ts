/** Docker's reading of an `auth` value (docker/cli configfile `decodeAuth`). */

export type AuthDecode =
  | { ok: true; username: string; password: string }
  | { ok: false; reason: 'base64'; detail: string }
  | { ok: false; reason: 'format'; detail: string };

const B64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** How a client other than docker reads `auth` (see AnalyzeOptions.profile). */
export interface AuthDecodeRules {
  /** Unpadded base64 is read when the value does not end in "=" (kubelet's RawStdEncoding). */
  unpadded?: boolean;
  /** An empty username is accepted (podman, skopeo, kubelet). */
  emptyUsername?: boolean;
}

/**
 * Decodes like Go's `base64.StdEncoding` (padded, standard alphabet; `\r` and `\n` are skipped),
 * or `RawStdEncoding` when `unpadded` and the value does not end in "=". Never puts the value
 * into `detail`.
 */
export function decodeBase64(value: string, unpadded = false): { ok: true; bytes: Buffer } | { ok: false; detail: string } {
  const compact = value.includes('\n') || value.includes('\r') ? value.replace(/[\r\n]/g, '') : value;
  const raw = unpadded && !value.trim().endsWith('=');
  if (raw && compact.length % 4 === 1) return { ok: false, detail: 'its length is not that of any base64 text' };
  if (!raw && compact.length % 4 !== 0) return { ok: false, detail: 'its length is not a multiple of 4; is "=" padding missing?' };
  if (!B64.test(compact)) {
    const bad = compact.search(/[^A-Za-z0-9+/=]/);
    if (bad >= 0) {
      const ch = compact[bad];
      const what = ch === '-' || ch === '_' ? 'URL-safe character' : /\s/.test(ch) ? 'white space' : 'character';
      return { ok: false, detail: `${what} not in the standard base64 alphabet at byte ${bad}` };
    }
    return { ok: false, detail: `"=" padding in the middle` };
  }
  return { ok: true, bytes: Buffer.from(compact, 'base64') };
}

/** Docker's reading of `auth`: base64 (see decodeBase64), then a split at the first `:`. */
export function decodeAuth(value: string, rules: AuthDecodeRules = {}): AuthDecode {
  const b = decodeBase64(value, rules.unpadded);
  if (!b.ok) return { ok: false, reason: 'base64', detail: b.detail };
  const text = b.bytes.toString('utf8');
  const colon = text.indexOf(':');
  if (colon < 0) return { ok: false, reason: 'format', detail: 'the decoded text has no ":"' };
  if (colon === 0 && !rules.emptyUsername) return { ok: false, reason: 'format', detail: 'the username is empty' };
  return { ok: true, username: text.slice(0, colon), password: text.slice(colon + 1).replace(/^\0+|\0+$/g, '') };
}

export function encodeAuth(username: string, password: string): string {
  return Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
}
