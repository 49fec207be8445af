#!/usr/bin/env node
// Fails when any import cycle exists among the project's own modules, type-only imports included
// (eslint-plugin-import's no-cycle skips `import type`, and the house rule is "not even through types").
// Resolution is TypeScript's own, with tsconfig.json's paths, so `@/lib/...` and relative imports agree.
import ts from "typescript";
import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";

const root = resolve(process.cwd());
const configPath = ts.findConfigFile(root, ts.sys.fileExists, "tsconfig.json");
const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
const parsed = ts.parseJsonConfigFileContent(config, ts.sys, root);
const own = (file) => file.startsWith(root) && !file.includes("/node_modules/") && !file.includes("/.next/");
const files = parsed.fileNames.filter(own).filter((f) => /\.(ts|tsx|mts)$/.test(f) && !f.endsWith(".d.ts"));

/** @type {Map<string, string[]>} */
const graph = new Map();
for (const file of files) {
  const info = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
  const targets = [];
  for (const ref of info.importedFiles) {
    const hit = ts.resolveModuleName(ref.fileName, file, parsed.options, ts.sys).resolvedModule;
    if (hit && !hit.isExternalLibraryImport && own(hit.resolvedFileName)) targets.push(hit.resolvedFileName);
  }
  graph.set(file, targets);
}

// Tarjan's strongly connected components: every component with more than one file is a cycle.
let index = 0;
const indexOf = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const cycles = [];
const visit = (v) => {
  indexOf.set(v, index);
  low.set(v, index++);
  stack.push(v);
  onStack.add(v);
  for (const w of graph.get(v) ?? []) {
    if (!indexOf.has(w)) {
      visit(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), indexOf.get(w)));
  }
  if (low.get(v) === indexOf.get(v)) {
    const component = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    const selfLoop = (graph.get(v) ?? []).includes(v);
    if (component.length > 1 || selfLoop) cycles.push(component);
  }
};
for (const file of graph.keys()) if (!indexOf.has(file)) visit(file);

if (cycles.length === 0) {
  console.log(`no import cycles among ${graph.size} modules`);
} else {
  for (const component of cycles) {
    console.error(`import cycle among ${component.length} modules:`);
    for (const file of component.sort()) console.error(`  ${relative(root, file)}`);
  }
  process.exit(1);
}
