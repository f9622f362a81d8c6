/** The analysis core: Docker's semantics, no editor. */
export * from './findings';
export { analyze, Analysis, AnalyzeOptions } from './analyze';
export { fixesFor, removeEmptyEntries, applyEdit, minimalEdit, Fix, FixKind, TextEdit } from './fixes';
export { hoverAt, HoverInfo, HoverOptions } from './hover';
export { resolveImage, resolveImageWithHelper, resolveKey, Resolution, ResolveOptions } from './resolve';
export { LineIndex, Position } from './lines';
export { setBundle, t } from './l10n';
export { decodeAuth, encodeAuth } from './auth';
export { DOCKER_HUB_KEY, registryOfImage } from './registry';
export { dockerConfigDir, dockerConfigFile } from './paths';
export { PRIVATE_FILE_MODE } from './analyze';
export { liveChecks, askHelpers, liveFindingsFrom, liveOffFindings, liveFindings, LiveAnswers, LiveCheck } from './live';
export { planMove, moveSecrets, MovePlan, MoveResult, MoveOptions } from './move';
export { writeFileAtomic, FileChangedError } from './atomicWrite';
export { helperClient, HelperClient } from './helpers/client';
export { canStore, detectDefaultStore, findStorageHelpers, isHelperOnPath } from './helpers/discovery';
