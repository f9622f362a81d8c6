/** `WWW-Authenticate` as docker/distribution's challenge parser reads it: a scheme, then key="value" pairs. */
export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/** The challenges of one header, linear in its length (a hand-written scanner, no backtracking). */
export function parseChallenges(header: string): Challenge[] {
  const out: Challenge[] = [];
  let i = 0;
  const n = header.length;
  const skipSpace = (): void => {
    while (i < n && (header[i] === ' ' || header[i] === '\t')) i++;
  };
  const token = (): string => {
    const start = i;
    while (i < n && /[!#$%&'*+\-.^_`|~0-9A-Za-z]/.test(header[i])) i++;
    return header.slice(start, i);
  };
  while (i < n) {
    skipSpace();
    const scheme = token();
    if (!scheme) {
      i++;
      continue;
    }
    const params: Record<string, string> = {};
    for (;;) {
      skipSpace();
      const save = i;
      const key = token().toLowerCase();
      skipSpace();
      if (!key || header[i] !== '=') {
        i = save;
        break;
      }
      i++;
      skipSpace();
      let value = '';
      if (header[i] === '"') {
        i++;
        while (i < n && header[i] !== '"') {
          if (header[i] === '\\' && i + 1 < n) i++;
          value += header[i++];
        }
        i++;
      } else value = token();
      params[key] = value;
      skipSpace();
      if (header[i] === ',') i++;
    }
    out.push({ scheme: scheme.toLowerCase(), params });
  }
  return out;
}
