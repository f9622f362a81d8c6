/** The command line's language: --lang, else LC_ALL / LC_MESSAGES / LANG; bundles from l10n/. */
import * as fs from 'fs';
import * as path from 'path';
import { setBundle } from '../core';

export const LANGUAGES = ['en', 'zh-cn'];

export function languageFromEnv(env: NodeJS.ProcessEnv): string {
  const raw = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  const tag = raw.split('.')[0].replace('_', '-').toLowerCase();
  if (tag.startsWith('zh')) return 'zh-cn';
  return 'en';
}

/** Loads the bundle for `lang` (next to dist/ in the package, or the repo's l10n/). */
export function useLanguage(lang: string): void {
  if (lang === 'en') {
    setBundle(undefined);
    return;
  }
  for (const dir of [path.join(__dirname, '..', 'l10n'), path.join(__dirname, '..', '..', 'l10n'), path.join(__dirname, '..', '..', '..', 'l10n')]) {
    const file = path.join(dir, `bundle.l10n.${lang}.json`);
    if (fs.existsSync(file)) {
      setBundle(JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>);
      return;
    }
  }
  setBundle(undefined);
}
