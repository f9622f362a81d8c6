/**
 * Credentials that carry their own expiry: a JWT (identitytoken, registrytoken, a token used as password) and
 * an Amazon ECR token in `auth` (base64 of "AWS:" + base64 JSON with `expiration`). Only the claims are read:
 * the signature is never checked and neither the token nor the signature is ever returned.
 */
import { decodeAuth, decodeBase64 } from './auth';

export interface TokenExpiry {
  kind: 'jwt' | 'ecr';
  /** Expiry, ms since 1970. */
  expires: number;
  /** The JWT's `iss` and `sub` claims, when they are strings (not secrets: who issued it, and for whom). */
  issuer?: string;
  subject?: string;
}

const MAX_TOKEN = 65536;

/** The expiry a JWT's payload states (its `exp`, seconds), or undefined when the value is not a JWT with one. */
export function jwtExpiry(value: string): TokenExpiry | undefined {
  if (value.length > MAX_TOKEN) return undefined;
  const parts = value.split('.');
  if (parts.length !== 3 || !/^[A-Za-z0-9_-]+$/.test(parts[0]) || !/^[A-Za-z0-9_-]+$/.test(parts[1])) return undefined;
  const header = jsonObject(Buffer.from(parts[0], 'base64url').toString('utf8'));
  const claims = jsonObject(Buffer.from(parts[1], 'base64url').toString('utf8'));
  if (!header || typeof header.alg !== 'string' || !claims || typeof claims.exp !== 'number' || !Number.isFinite(claims.exp)) return undefined;
  return {
    kind: 'jwt',
    expires: claims.exp * 1000,
    ...(typeof claims.iss === 'string' ? { issuer: claims.iss } : {}),
    ...(typeof claims.sub === 'string' ? { subject: claims.sub } : {}),
  };
}

/** The expiry of an ECR token in `auth` (username "AWS", password base64 JSON with `expiration`, seconds). */
export function ecrExpiry(auth: string): TokenExpiry | undefined {
  if (auth.length > MAX_TOKEN) return undefined;
  const d = decodeAuth(auth);
  if (!d.ok || d.username !== 'AWS') return undefined;
  const inner = decodeBase64(d.password);
  if (!inner.ok) return undefined;
  const payload = jsonObject(inner.bytes.toString('utf8'));
  const exp = payload?.expiration;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return undefined;
  return { kind: 'ecr', expires: exp * 1000 };
}

function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
