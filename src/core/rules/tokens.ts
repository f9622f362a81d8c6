/** token-expired: a credential that carries its own expiry (JWT `exp`, ECR `expiration`) and is past it or close to it. */
import { fieldValue } from '../docker/model';
import { TokenExpiry, ecrExpiry, jwtExpiry } from '../docker/tokens';
import { t } from '../l10n';
import { entriesRead } from './registryKeys';
import { defineRule } from './types';

const DAY = 24 * 60 * 60 * 1000;
type Expiry = { field: string; registry: string; expires: string };

export const TOKEN_FIELDS = ['identitytoken', 'registrytoken', 'password', 'auth'] as const;

/** The expiry a field's value carries, if any. */
export function expiryOf(field: string, value: string): TokenExpiry | undefined {
  return field === 'auth' ? ecrExpiry(value) : jwtExpiry(value);
}

export const tokenExpired = defineRule({
  meta: {
    id: 'token-expired',
    title: () => t('A token past its expiry'),
    severity: 'warning',
    messages: {
      jwtExpired: {
        text: (d: Expiry) => t('The token in "{0}" for {1} expired at {2} (UTC, its "exp" claim). Docker still sends it and the registry answers "unauthorized". Log in again (docker login) to get a new one.', d.field, d.registry, d.expires),
      },
      jwtExpiring: {
        severity: 'info',
        text: (d: Expiry) => t('The token in "{0}" for {1} expires at {2} (UTC, its "exp" claim), within a day. After that the registry answers "unauthorized" until you log in again (docker login).', d.field, d.registry, d.expires),
      },
      ecrExpired: {
        text: (d: Expiry) =>
          t('This Amazon ECR token for {0} expired at {1} (UTC; ECR tokens last 12 hours). Docker still sends it and the registry answers "unauthorized". Instead of pasting tokens, set the ecr-login helper for this registry in "credHelpers" (amazon-ecr-credential-helper): it gets a new token when needed.', d.registry, d.expires),
      },
      ecrExpiring: {
        severity: 'info',
        text: (d: Expiry) =>
          t('This Amazon ECR token for {0} expires at {1} (UTC; ECR tokens last 12 hours). Instead of pasting tokens, set the ecr-login helper for this registry in "credHelpers" (amazon-ecr-credential-helper): it gets a new token when needed.', d.registry, d.expires),
      },
    },
  },
  check({ model, options, report }) {
    const now = options.now;
    if (now === undefined) return;
    for (const entry of entriesRead(model)) {
      if (!entry.isObject) continue;
      for (const field of TOKEN_FIELDS) {
        const prop = entry.fields[field];
        const value = fieldValue(entry, field);
        if (!prop || value === '') continue;
        const exp = expiryOf(field, value);
        if (!exp || exp.expires - now > DAY) continue;
        const expired = exp.expires <= now;
        const messageId = exp.kind === 'ecr' ? (expired ? 'ecrExpired' : 'ecrExpiring') : expired ? 'jwtExpired' : 'jwtExpiring';
        report({ prop, at: 'value', messageId, data: { field: prop.key, registry: entry.registry, expires: utc(exp.expires) } });
      }
    }
  },
});

function utc(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? String(ms) : d.toISOString().replace('.000Z', 'Z');
}
