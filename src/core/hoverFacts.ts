/** Hover lines from facts outside the text: docker contexts, token expiry, proxy passwords. Nothing secret is shown. */
import { ContextStore, findContext } from './docker/contexts';
import { proxyPassword } from './docker/proxies';
import { TokenExpiry } from './docker/tokens';
import { t } from './l10n';
import { isDefaultContext } from './rules/context';
import { expiryOf } from './rules/tokens';

/** What the hovers may know besides the text (passed by the adapters as data). */
export interface HoverFacts {
  /** The contexts next to the file (readContexts). */
  contexts?: ContextStore;
  /** The environment docker would run in: DOCKER_CONTEXT and DOCKER_HOST override currentContext. */
  env?: { DOCKER_CONTEXT?: string; DOCKER_HOST?: string };
  /** The time to judge expiry by, ms since 1970 (default: none, only the date is shown). */
  now?: number;
  /** IANA time zone for dates (default: the host's). */
  timeZone?: string;
}

export function contextHover(name: string, facts: HoverFacts, code: (s: string) => string): string {
  const lines = [`**${t('Docker context {0}', code(name === '' ? 'default' : name))}**`, ''];
  if (isDefaultContext(name)) lines.push(t('The built-in context: docker uses DOCKER_HOST, else the local socket (unix:///var/run/docker.sock).'));
  else if (facts.contexts) {
    const found = findContext(facts.contexts, name);
    if (!found) lines.push(t('No such context next to this file: every docker command fails (context-not-found).'));
    else lines.push(found.host !== undefined ? t('Endpoint: {0}', code(found.host)) : t('This context names no docker endpoint.'));
  }
  const env = facts.env ?? {};
  if (env.DOCKER_HOST) lines.push('', t('DOCKER_HOST is set ({0}): docker ignores currentContext and uses that host.', code(env.DOCKER_HOST)));
  else if (env.DOCKER_CONTEXT) lines.push('', t('DOCKER_CONTEXT is set ({0}): docker uses that context instead of this one.', code(env.DOCKER_CONTEXT)));
  return lines.join('\n');
}

/** Lines about a token's claims and expiry (issuer, subject, expiry in the user's time zone), or none. */
export function tokenLines(field: string, value: string, facts: HoverFacts, code: (s: string) => string): string[] {
  const exp = expiryOf(field, value);
  if (!exp) return [];
  const lines = ['', `**${exp.kind === 'ecr' ? t('Amazon ECR token') : t('Token claims (the signature is not checked)')}**`, ''];
  if (exp.issuer !== undefined) lines.push(`- ${t('Issuer')}: ${code(exp.issuer)}`);
  if (exp.subject !== undefined) lines.push(`- ${t('Subject')}: ${code(exp.subject)}`);
  lines.push(`- ${t('Expires')}: ${localTime(exp, facts)}${facts.now !== undefined && exp.expires <= facts.now ? ` (${t('expired')})` : ''}`);
  return lines;
}

function localTime(exp: TokenExpiry, facts: HoverFacts): string {
  try {
    return new Date(exp.expires).toLocaleString(undefined, { timeZone: facts.timeZone, timeZoneName: 'short' });
  } catch {
    return new Date(exp.expires).toISOString();
  }
}

/** Where the password of a proxy URL sits, without showing it; undefined when the URL holds none. */
export function proxyHover(value: string): string | undefined {
  const at = proxyPassword(value);
  if (!at) return undefined;
  return [
    `**${t('A password in this proxy URL')}**`,
    '',
    t('Characters {0} to {1} of this URL, between the ":" after the user name and the "@" before the host, are a password in plain text (not shown here). Docker passes the URL to containers and builds.', at.start + 1, at.end),
  ].join('\n');
}
