// Bundled on its own as dist/yaml.js and loaded by src/core/k8s.ts on first use (keeps the
// extension's bundle and activation small).
export * from 'yaml';
