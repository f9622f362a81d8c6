/**
 * One message catalogue for the extension and the command line.
 * Messages are English templates with numbered placeholders (`{0}`); a host may
 * install a bundle that maps each English template to a translation (the
 * extension passes `vscode.l10n.bundle`, the CLI loads `l10n/bundle.l10n.<lang>.json`).
 */
let bundle: Readonly<Record<string, string>> | undefined;

export function setBundle(next: Readonly<Record<string, string>> | undefined): void {
  bundle = next;
}

export function t(message: string, ...args: Array<string | number>): string {
  const template = bundle?.[message] ?? message;
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? whole : String(value);
  });
}
