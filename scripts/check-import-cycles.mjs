#!/usr/bin/env node
// Fails when folders import each other in a circle anywhere in the workspace: dependencies
// point one way (DESIGN.md), from the composition at the top of each package down to the
// layers everything uses. Run by `npm test` next to lint: `node scripts/check-import-cycles.mjs [dir]`.
//
// The unit is the folder: a file in `a/` importing a file in `b/` is an edge a → b, and any
// circle of such edges is a cycle, whether the imports carry values or only types (a type
// import still means one folder knows the other). Files directly in a package's source root
// (`src/app.ts`, `src/config.ts`, e2e's specs) are each their own unit: the root holds both the
// file that composes everything and small modules everything uses, which is no cycle.
// NOTE: plain JavaScript on purpose, like ondeck.mjs: it runs before anything is built.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The workspace's source roots, and the package names other packages import them by. */
export const WORKSPACE_ROOTS = [
  { root: 'shared/src', packageName: '@ondeck/shared', entry: 'shared/src/index.ts' },
  { root: 'shared/test' },
  { root: 'sync-server/src' },
  { root: 'sync-server/test' },
  { root: 'sync-server/bench' },
  { root: 'client/src' },
  { root: 'client/test' },
  { root: 'e2e' },
];

const SOURCE = /\.(m?[jt]sx?)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', 'test-results', 'playwright-report', '.tools', '.data']);
// `import … from '…'`, `export … from '…'`, `import '…'`, `import('…')`, `import type … from '…'`.
const IMPORT =
  /(?:^|[\s;}])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*\(?\s*['"]([^'"]+)['"]/gm;

function sourceFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return SKIP_DIRS.has(name) ? [] : sourceFiles(path);
    return SOURCE.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function withoutComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

function resolveImport(from, specifier, packages) {
  const pkg = packages.find((p) => specifier === p.packageName || specifier.startsWith(`${p.packageName}/`));
  if (pkg) return pkg.entry;
  if (!specifier.startsWith('.')) return null;
  const base = resolve(dirname(from), specifier.split('?')[0]);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/**
 * Every folder-level import cycle under `workspace`, each as the list of units around it and
 * one import that makes each step.
 */
export function findImportCycles(workspace, roots = WORKSPACE_ROOTS) {
  const packages = roots
    .filter((r) => r.packageName)
    .map((r) => ({ packageName: r.packageName, entry: resolve(workspace, r.entry) }));
  const rootDirs = roots.map((r) => resolve(workspace, r.root));
  const unitOf = (file) => {
    const dir = dirname(file);
    const unit = rootDirs.includes(dir) ? file : dir;
    return relative(workspace, unit).split(sep).join('/');
  };

  /** unit → (unit → one example import) */
  const edges = new Map();
  for (const dir of rootDirs) {
    for (const file of sourceFiles(dir)) {
      const from = unitOf(file);
      const text = withoutComments(readFileSync(file, 'utf8'));
      for (const match of text.matchAll(IMPORT)) {
        const target = resolveImport(file, match[1] ?? match[2], packages);
        if (!target) continue;
        const to = unitOf(target);
        if (to === from) continue;
        if (!edges.has(from)) edges.set(from, new Map());
        const out = edges.get(from);
        if (!out.has(to))
          out.set(to, `${relative(workspace, file).split(sep).join('/')} imports ${match[1] ?? match[2]}`);
      }
    }
  }
  return stronglyConnected(edges).map((units) => describeCycle(units, edges));
}

/** Tarjan's strongly connected components with more than one unit. */
function stronglyConnected(edges) {
  let next = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const components = [];
  const visit = (unit) => {
    index.set(unit, next);
    low.set(unit, next);
    next++;
    stack.push(unit);
    onStack.add(unit);
    for (const to of edges.get(unit)?.keys() ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(unit, Math.min(low.get(unit), low.get(to)));
      } else if (onStack.has(to)) {
        low.set(unit, Math.min(low.get(unit), index.get(to)));
      }
    }
    if (low.get(unit) === index.get(unit)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== unit);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const unit of [...edges.keys()].sort()) if (!index.has(unit)) visit(unit);
  return components;
}

/** One circle through the component, with the import behind each step. */
function describeCycle(units, edges) {
  const inside = new Set(units);
  const start = units[0];
  // Breadth-first from the start back to itself, inside the component.
  const previous = new Map();
  const queue = [start];
  while (queue.length > 0) {
    const unit = queue.shift();
    for (const to of edges.get(unit)?.keys() ?? []) {
      if (!inside.has(to) || previous.has(to)) continue;
      previous.set(to, unit);
      if (to === start) queue.length = 0;
      else queue.push(to);
    }
  }
  const path = [start];
  for (let unit = previous.get(start); unit !== start; unit = previous.get(unit)) path.unshift(unit);
  path.unshift(start);
  const steps = path.slice(0, -1).map((unit, i) => edges.get(unit).get(path[i + 1]));
  return { units, path, steps };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const workspace = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
  const cycles = findImportCycles(workspace);
  if (cycles.length === 0) {
    console.log('✓ no import cycles between folders');
  } else {
    for (const cycle of cycles) {
      console.error(`✗ import cycle: ${cycle.path.join(' → ')}`);
      for (const step of cycle.steps) console.error(`    ${step}`);
      if (cycle.units.length > cycle.path.length - 1)
        console.error(`  (the circle joins ${cycle.units.length} folders: ${cycle.units.join(', ')})`);
    }
    process.exit(1);
  }
}
