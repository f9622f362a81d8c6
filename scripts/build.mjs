// Bundles the extension and the command line with esbuild.
// mainFields 'module' first: jsonc-parser's UMD build (its 'main') breaks when bundled.
import * as esbuild from 'esbuild';
import { readFileSync } from 'fs';
import path from 'path';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  define: { PACKAGE_VERSION: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  mainFields: ['module', 'main'],
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

/**
 * For dist/extension.js, what runs at activation: it uses a few constants and small functions of src/ (selector.ts
 * and what it reads), and the core's modules register nothing when loaded, so every module of src/ but the entry is
 * marked free of side effects there. esbuild then leaves out every module the entry does not use (the rules, the
 * parser, the commands: dist/editor.js has them) instead of keeping each for its top-level statements.
 */
const onlyWhatIsUsed = {
  name: 'only-what-is-used',
  setup(build) {
    const src = path.resolve('src') + path.sep;
    build.onResolve({ filter: /^\./ }, async (args) => {
      if (args.pluginData === 'resolved') return undefined;
      const resolved = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'resolved' });
      return resolved.path.startsWith(src) ? { ...resolved, sideEffects: false } : resolved;
    });
  },
};

const configs = [
  // activate() and what decides whether a document is ours; the rest is loaded on first use (src/extension.ts)
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], plugins: [onlyWhatIsUsed] },
  { ...common, entryPoints: ['src/editor/main.ts'], outfile: 'dist/editor.js', external: ['vscode'] },
  { ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // yaml, loaded by src/core/k8s/loading.ts only when a YAML pull secret is read
  { ...common, entryPoints: ['src/vendor/yaml.ts'], outfile: 'dist/yaml.js' },
];

if (watch) {
  for (const c of configs) (await esbuild.context(c)).watch();
} else {
  await Promise.all(configs.map((c) => esbuild.build(c)));
}
