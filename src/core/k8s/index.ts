/** Kubernetes manifests: pull secrets read from YAML (analysis.ts) and their hovers (hover.ts). */
export { analyzeManifest, mayHoldPullSecret, ManifestAnalysis, PullSecret } from './analysis';
export { manifestHoverAt } from './hover';
export { blankTemplates, jsonDepth, TextMap } from './text';
