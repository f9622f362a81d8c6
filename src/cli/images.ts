/**
 * `images [PATH...] [--config FILE] [--format text|json]`: the images a project pulls (Dockerfile/Containerfile FROM,
 * Compose and Kubernetes `image:`, GitHub Actions `container:`/`services:`/`docker://`) and where docker takes the
 * credentials for each from (resolve, no helper runs). Files are read as `check` reads them: regular files only, size
 * capped, symbolic links in a searched tree not followed. Exit status: 0, or 2 for a usage or I/O error.
 */
import * as path from 'path';
import { dockerConfigFile, imageCredentials, ImageCredentials, imageFileKind, imageRefs, outputLine, t } from '../core';
import { CliIO, formatOf, helpEntry, parseArgs, rejectUnknown } from './args';
import { walk, Discovery } from './discover';
import { describeFsError, readConfigText } from './files';
import { jsonText } from './output';
import * as fs from 'fs';

export function imagesUsage(): string {
  return helpEntry(
    'images [PATH...]',
    t('List the images the project pulls (Dockerfile FROM, Compose and\nKubernetes image:, GitHub Actions container:, services: and\ndocker://) and where docker takes credentials for each from\n(no helper runs). Flags registries with no credentials.'),
  );
}

export interface ImageReport extends ImageCredentials {
  files: Array<{ path: string; line: number }>;
}

export async function imagesCommand(args: string[], io: CliIO): Promise<number> {
  const p = parseArgs(args, ['--format', '--config']);
  rejectUnknown(p, ['--format', '--config']);
  const format = formatOf(p);
  const configFile = (p.flags.get('--config') as string | undefined) ?? dockerConfigFile(io.env);
  const config = readConfigText(configFile);
  if (!config.ok && (p.flags.has('--config') || config.error !== t('no such file'))) {
    io.err(outputLine(`docker-config-guard: ${configFile}: ${config.error}`));
    return 2;
  }
  const configText = config.ok ? config.text : '{}';
  const found: Discovery = { files: [], errors: [], skipped: [] };
  const files: Array<{ path: string; named: boolean }> = [];
  for (const arg of p.positional.length ? p.positional : ['.']) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(arg);
    } catch (e) {
      found.errors.push({ path: arg, error: describeFsError(e) });
      continue;
    }
    if (!stat.isDirectory()) files.push({ path: arg, named: true });
    else
      walk(arg, found, (file, link) => {
        if (!imageFileKind(file.split(path.sep).join('/'), /\.ya?ml$/i.test(file) ? undefined : '')) return;
        if (link) found.skipped.push({ path: file, reason: t('skipped: a symbolic link in a searched directory is not followed (name the file to read it)') });
        else files.push({ path: file, named: false });
      });
  }
  const byImage = new Map<string, ImageReport>();
  for (const f of files) {
    const read = readConfigText(f.path, { noFollow: !f.named });
    if (!read.ok) {
      found.errors.push({ path: f.path, error: read.error });
      continue;
    }
    const kind = imageFileKind(f.path.split(path.sep).join('/'), read.text);
    if (!kind) continue;
    for (const ref of imageRefs(read.text, kind)) {
      let report = byImage.get(ref.image);
      if (!report) byImage.set(ref.image, (report = { ...imageCredentials(configText, ref.image), files: [] }));
      report.files.push({ path: f.path, line: ref.line + 1 });
    }
  }
  for (const e of found.errors) io.err(outputLine(`docker-config-guard: ${e.path}: ${e.error}`));
  for (const s of found.skipped) io.err(outputLine(`docker-config-guard: ${s.path}: ${s.reason}`));
  const reports = [...byImage.values()].sort((a, b) => (a.image < b.image ? -1 : a.image > b.image ? 1 : 0));
  if (format === 'json') {
    io.out(jsonText(reports.map((r) => ({ image: r.image, registry: r.registry, files: r.files, source: r.source, helper: r.helper, entry: r.entry }))));
    return found.errors.length ? 2 : 0;
  }
  if (reports.length === 0) io.out(t('No image references found.'));
  for (const r of reports) {
    const where =
      r.source === 'none'
        ? t('no credentials: docker pulls anonymously')
        : r.helper
          ? t('credential helper {0} ({1})', r.helper, r.source)
          : t('auths entry "{0}" of the config file', r.entry ?? '');
    io.out(outputLine(`${r.image}  [${r.registry}]  ${where}`));
    for (const f of r.files) io.out(outputLine(`  ${f.path}:${f.line}`));
  }
  return found.errors.length ? 2 : 0;
}
