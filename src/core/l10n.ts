/**
 * One message catalogue for the extension and the command line.
 * Messages are English templates with numbered placeholders (`{0}`); a host may
 * install a bundle that maps each English template to a translation (the
 * extension passes `vscode.l10n.bundle`, the CLI loads `l10n/bundle.l10n.<lang>.json`).
 */
let bundle: Readonly<Record<string, string>> | undefined;

export function setBundle(next: Readonly<Record<string, string>> | undefined): void {
  bundle = next;
  compiled.clear();
}

/** Templates split once into literal parts and argument indexes. */
const compiled = new Map<string, Array<string | number>>();

function compile(template: string): Array<string | number> {
  let parts = compiled.get(template);
  if (parts) return parts;
  parts = [];
  const re = /\{(\d+)\}/g;
  let last = 0;
  for (let m = re.exec(template); m; m = re.exec(template)) {
    parts.push(template.slice(last, m.index), Number(m[1]));
    last = m.index + m[0].length;
  }
  parts.push(template.slice(last));
  compiled.set(template, parts);
  return parts;
}

export function t(message: string, ...args: Array<string | number>): string {
  const parts = compile(bundle?.[message] ?? message);
  let out = '';
  for (const part of parts) {
    if (typeof part === 'string') out += part;
    else out += args[part] === undefined ? `{${part}}` : String(args[part]);
  }
  return out;
}

/**
 * A list that stays short however long it grows: the first `max` names, then how many more ("a, b, c and 4 more").
 * `total` is the list's full length when only its head was collected; `more` words the count (default "and N more").
 */
export function namedList(
  names: readonly string[],
  max: number,
  total = names.length,
  more: (shown: string, count: number) => string = (shown, count) => t('{0} and {1} more', shown, count),
): string {
  const shown = names.slice(0, max).join(', ');
  return total > max ? more(shown, total - max) : shown;
}
