/**
 * `docker-config-guard move-secrets [--config FILE] [--helper NAME] [--also-cred-helpers] [--yes]`:
 * the core's move, confirmed on a terminal (or --yes), saved atomically. Prints what moved and
 * what did not, never a secret. Exit status: 0 all moved (or nothing to move), 1 some not moved
 * (or the old file lives on under another hard link, plaintext and all), 2 usage or I/O error.
 */
import { analyze, canStore, dockerConfigFile, FileChangedError, findStorageHelpers, helperClient, helperExecutable, isHelperOnPath, moveSecrets, MoveResult, outputLine, planMove, t, validateHelperName, writeFileAtomic } from '../core';
import { CliIO, UsageError, parseArgs, rejectUnknown } from './args';
import { describeFsError, readConfigText } from './files';

const OPTIONS = ['--config', '--helper', '--also-cred-helpers', '--yes'];

function checkHelperOption(helper: string, fileStore: string | undefined, io: CliIO): void {
  const invalid = validateHelperName(helper);
  if (invalid) throw new UsageError(`--helper: ${invalid}`);
  if (!canStore(helper)) throw new UsageError(t('--helper: "{0}" only generates tokens and cannot store a secret', helperExecutable(helper)));
  if (!isHelperOnPath(helper, io.env)) throw new UsageError(t('--helper: "{0}" is not on PATH', helperExecutable(helper)));
  if (fileStore && fileStore !== helper) {
    throw new UsageError(t('--helper {0}: the file names credsStore "{1}", which docker asks; move the secrets there (leave out --helper) or change credsStore first', helper, fileStore));
  }
}

export async function moveSecretsCommand(args: string[], raw: CliIO): Promise<number> {
  // Keys, usernames and helper messages come from the file and the helpers: one escaped line each.
  const io: CliIO = { ...raw, out: (s) => raw.out(outputLine(s)), err: (s) => raw.err(outputLine(s)) };
  const p = parseArgs(args, ['--config', '--helper']);
  rejectUnknown(p, OPTIONS);
  if (p.positional.length) throw new UsageError(t('move-secrets takes no arguments (use --config FILE)'));
  const file = (p.flags.get('--config') as string | undefined) ?? dockerConfigFile(io.env);
  const helper = p.flags.get('--helper') as string | undefined;
  const alsoCredHelpers = p.flags.has('--also-cred-helpers');
  const read = readConfigText(file);
  if (!read.ok) {
    io.err(`docker-config-guard: ${file}: ${read.error}`);
    return 2;
  }
  const analysis = analyze(read.text);
  if (helper) checkHelperOption(helper, analysis.model.credsStore?.value || undefined, io);
  const plan = planMove(analysis, { helper });
  if (plan.candidates.length === 0) {
    io.out(t('{0}: no plaintext secrets to move.', file));
    return 0;
  }
  if (plan.needsHelper) {
    const installed = findStorageHelpers(io.env).map((h) => h.name);
    throw new UsageError(
      installed.length
        ? t('no credential helper in {0} handles some of the registries; choose one with --helper NAME (installed: {1})', file, installed.join(', '))
        : t('no credential helper in {0} handles some of the registries, and none that can store is installed (e.g. apt install golang-docker-credential-helpers pass)', file),
    );
  }
  if (!p.flags.has('--yes')) {
    if (!io.isTTY || !io.ask) throw new UsageError(t('refusing to move secrets without confirmation: stdin is not a terminal; add --yes'));
    for (const c of plan.candidates) io.out(c.problem ? t('  {0}: stays ({1})', c.key, c.problem) : t('  {0} -> {1}', c.key, helperExecutable(c.helper!)));
    const answer = await io.ask(t('Move the secrets of {0} as listed? [y/N] ', file));
    if (!/^y(es)?$/i.test(answer.trim())) {
      io.out(t('Nothing was moved.'));
      return 1;
    }
  }
  const result = await moveSecrets(read.text, helperClient({ env: io.env }), { helper, alsoCredHelpers, signal: io.signal });
  let links = 0;
  if (result.moved.length && result.text !== read.text) {
    try {
      const written = await writeFileAtomic(file, result.text, read.text);
      links = written.otherLinks;
      if (links) io.err(t('docker-config-guard: warning: {0} had {1} other hard link(s) (inode {2}); they still hold the old text with the plaintext secrets. docker login leaves them too. Find them with "find MOUNTPOINT -xdev -inum {2}" and remove them.', file, links, written.inode));
    } catch (e) {
      const why = e instanceof FileChangedError ? e.message : describeFsError(e);
      io.err(t('docker-config-guard: {0} was not changed: {1}. The helper holds the moved secrets too; run move-secrets again.', file, why));
      for (const m of result.moved) result.notMoved.push({ key: m.key, reason: t('the file could not be written') });
      result.moved = [];
    }
  }
  report(result, file, alsoCredHelpers, io);
  return result.notMoved.length || links ? 1 : 0;
}

function report(result: MoveResult, file: string, alsoCredHelpers: boolean, io: CliIO): void {
  for (const m of result.moved) {
    const who = m.username === '<token>' ? t('an identity token') : t('username "{0}"', m.username);
    io.out(m.already ? t('moved      {0}: {1} already held the same credentials ({2})', m.key, helperExecutable(m.helper), who) : t('moved      {0} -> {1} ({2})', m.key, helperExecutable(m.helper), who));
  }
  for (const n of result.notMoved) io.out(t('not moved  {0}: {1}', n.key, n.reason));
  if (!result.moved.length) return;
  if (result.credsStore) io.out(t('credsStore set to "{0}"', result.credsStore));
  for (const c of result.credHelpers) io.out(t('credHelpers["{0}"] set to "{1}"', c.registry, c.helper));
  io.out(t('{0}: {1} moved, {2} not moved', file, result.moved.length, result.notMoved.length));
  if (!alsoCredHelpers && result.moved.some((m) => m.via !== 'credHelpers' && !result.credHelpers.some((c) => c.registry === m.registry))) {
    io.out(t('note: podman, skopeo and buildah ignore credsStore and no longer find these credentials; give them credHelpers entries for these registries (--also-cred-helpers does that while moving), or log in with them.'));
  }
}
