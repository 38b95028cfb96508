/*
 * The import graph of src/, folder by folder: fails when two folders import each other (in either direction,
 * types included) or when files import each other in a cycle. `--print` writes the graph as a markdown list.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ROOT } from './lib/sf.js';

const SRC = join(ROOT, 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : name.endsWith('.ts') ? [path] : [];
  });
}

/** The layer of a file: its first folder under src/ (files at the top are the plugin's entry points). */
const layerOf = (file: string): string => relative(SRC, file).split(/[/\\]/).slice(0, -1)[0] ?? 'root';

const IMPORT = /(?:from\s+|import\s*\(\s*)'(\.[^']+)'/g;

const fileEdges = new Map<string, Set<string>>();
for (const file of files(SRC)) {
  const targets = new Set<string>();
  for (const m of readFileSync(file, 'utf8').matchAll(IMPORT))
    targets.add(resolve(dirname(file), m[1].replace(/\.js$/, '.ts')));
  fileEdges.set(file, targets);
}

const layerEdges = new Map<string, Set<string>>();
for (const [file, targets] of fileEdges) {
  for (const target of targets) {
    const [from, to] = [layerOf(file), layerOf(target)];
    if (from !== to) layerEdges.set(from, new Set([...(layerEdges.get(from) ?? []), to]));
  }
}

const problems: string[] = [];
for (const [from, tos] of layerEdges) {
  for (const to of tos)
    if (from < to && layerEdges.get(to)?.has(from)) problems.push(`src/${from} and src/${to} import each other`);
}

// file cycles: depth-first search with a stack
const state = new Map<string, 'visiting' | 'done'>();
const stack: string[] = [];
const visit = (file: string): void => {
  state.set(file, 'visiting');
  stack.push(file);
  for (const target of fileEdges.get(file) ?? []) {
    if (state.get(target) === 'visiting') {
      const cycle = stack.slice(stack.indexOf(target)).map((f) => relative(SRC, f));
      problems.push(`import cycle: ${[...cycle, relative(SRC, target)].join(' -> ')}`);
    } else if (!state.has(target) && fileEdges.has(target)) visit(target);
  }
  stack.pop();
  state.set(file, 'done');
};
for (const file of fileEdges.keys()) if (!state.has(file)) visit(file);

if (process.argv.includes('--print')) {
  for (const [from, tos] of [...layerEdges].sort(([a], [b]) => a.localeCompare(b)))
    console.log(
      `- \`${from}\` → ${[...tos]
        .sort()
        .map((t) => `\`${t}\``)
        .join(', ')}`
    );
}
if (problems.length) {
  console.error(`The import graph of src/ is not one-way:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.error(`src/ imports one way: ${layerEdges.size} folders, no pair imports both ways, no file cycle.`);
