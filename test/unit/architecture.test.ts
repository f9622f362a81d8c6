// The import directions of src/ (CONTRIBUTING.md, "Import directions"): src/core knows no editor and no command
// line; the adapters (src/editor, src/cli, src/extension.ts, src/cli.ts) reach the core only through
// src/core/index.ts and never each other; no import cycle anywhere in src/. Read from the sources with the
// TypeScript parser, so it holds for whatever files src/ has.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '../../..');
const SRC = path.join(ROOT, 'src');

interface Import {
  /** As written: './x', '../core', 'vscode'. */
  specifier: string;
  /** The file a relative specifier names (path from the repository root), else undefined. */
  target?: string;
  line: number;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const stack = [dir];
  for (let d = stack.pop(); d !== undefined; d = stack.pop()) {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) out.push(p);
    }
  }
  return out.sort();
}

/** './x' from `from`: x.ts, x/index.ts or x itself; undefined when none exists (the test says so). */
function resolveRelative(from: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(from), specifier);
  return [`${base}.ts`, path.join(base, 'index.ts'), base].find((p) => p.endsWith('.ts') && fs.existsSync(p) && fs.statSync(p).isFile());
}

/** Static imports and re-exports, `import x = require('...')`, and import('...') / require('...') with a literal. */
function importsOf(file: string): Import[] {
  const text = fs.readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: Array<{ node: ts.Node; specifier: string }> = [];
  const nodes: ts.Node[] = [source];
  for (let node = nodes.pop(); node !== undefined; node = nodes.pop()) {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ node, specifier: node.moduleSpecifier.text });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ node, specifier: node.moduleSpecifier.text });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      found.push({ node, specifier: node.moduleReference.expression.text });
    } else if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0])) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) found.push({ node, specifier: node.arguments[0].text });
    }
    nodes.push(...node.getChildren(source));
  }
  return found.map(({ node, specifier }) => {
    const target = specifier.startsWith('.') ? resolveRelative(file, specifier) : undefined;
    return { specifier, target: target && path.relative(ROOT, target), line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1 };
  });
}

const files = sourceFiles(SRC);
const graph = new Map(files.map((f) => [path.relative(ROOT, f), importsOf(f)]));

type Layer = 'core' | 'editor' | 'cli' | 'other';
function layerOf(file: string): Layer {
  if (file.startsWith('src/core/')) return 'core';
  if (file.startsWith('src/editor/') || file === 'src/extension.ts') return 'editor';
  if (file.startsWith('src/cli/') || file === 'src/cli.ts') return 'cli';
  return 'other';
}

/** Every import that breaks a rule, as `file:line imports specifier: why`. */
function violations(): string[] {
  const out: string[] = [];
  for (const [file, imports] of graph) {
    const layer = layerOf(file);
    for (const i of imports) {
      const where = `${file}:${i.line} imports '${i.specifier}'`;
      if (i.specifier.startsWith('.') && !i.target) out.push(`${where}: no such file`);
      if (i.specifier === 'vscode' && layer !== 'editor') out.push(`${where}: only src/editor and src/extension.ts use the VS Code API`);
      if (!i.target) continue;
      const to = layerOf(i.target);
      if (layer === 'core' && to !== 'core') out.push(`${where}: src/core imports nothing outside src/core`);
      if ((layer === 'editor' || layer === 'cli') && to === 'core' && i.target !== 'src/core/index.ts') out.push(`${where}: the adapters import the core through src/core/index.ts only`);
      if ((layer === 'editor' && to === 'cli') || (layer === 'cli' && to === 'editor')) out.push(`${where}: the editor and the command line never import each other`);
    }
  }
  return out;
}

/**
 * The import cycles, each as a list of files that ends where it starts. Type-only imports count too: a cycle of
 * types still ties two modules together (fastjson.ts and model.ts, issue 10). Iterative DFS.
 */
function cycles(): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const found: string[][] = [];
  const edges = (f: string) => [...new Set((graph.get(f) ?? []).filter((i) => i.target).map((i) => i.target!))];
  for (const start of graph.keys()) {
    if (state.has(start)) continue;
    const stack: Array<{ file: string; next: string[] }> = [{ file: start, next: edges(start) }];
    state.set(start, 'open');
    while (stack.length) {
      const top = stack[stack.length - 1];
      const to = top.next.shift();
      if (to === undefined) {
        state.set(top.file, 'done');
        stack.pop();
      } else if (state.get(to) === 'open') {
        const from = stack.findIndex((s) => s.file === to);
        found.push([...stack.slice(from).map((s) => s.file), to]);
      } else if (!state.has(to)) {
        state.set(to, 'open');
        stack.push({ file: to, next: edges(to) });
      }
    }
  }
  return found;
}

test('the source tree is read: the core, both adapters and their imports', () => {
  for (const f of ['src/core/index.ts', 'src/extension.ts', 'src/cli.ts']) assert.ok(graph.has(f), f);
  assert.ok(files.some((f) => f.includes(`${path.sep}editor${path.sep}`)) && files.some((f) => f.includes(`${path.sep}cli${path.sep}`)));
  // the parser sees every kind of import this test relies on
  const cli = graph.get('src/cli.ts') ?? [];
  assert.ok(cli.some((i) => i.target === 'src/core/index.ts'));
  assert.ok(cli.some((i) => i.specifier === 'node:readline/promises'), 'a dynamic import()');
  assert.ok((graph.get('src/core/index.ts') ?? []).filter((i) => i.target?.startsWith('src/core/')).length > 5, 're-exports');
});

test('import directions: core knows no editor or command line, adapters use core/index.ts only and never each other', () => {
  assert.deepEqual(violations(), []);
});

test('no import cycle in src/', () => {
  assert.deepEqual(cycles().map((c) => c.join(' -> ')), []);
});
