// Imports point down (README "Where things are"; issue 13): ui → panels → store → worker / machines
// → sim, with url and cli beside (url reads only the model; cli reads the model and url). This test
// parses every import in src/ (static, type-only, re-exports, dynamic import() and worker URLs) and
// fails on an import that points up or sideways, and on an import cycle that is not in the known
// list below. The checker itself is tested on small made-up trees first, so a broken parser cannot
// pass silently.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** What each folder of src/ may import (itself always). */
const ALLOWED: Record<string, readonly string[]> = {
  sim: [],
  machines: ['sim'],
  // The page's trace import (issue 17): the import worker parses with src/import/, the store holds
  // an ImportedTrace, the page shows its report.
  worker: ['sim', 'machines', 'import'],
  url: ['sim'],
  store: ['sim', 'machines', 'worker', 'url', 'import'],
  panels: ['sim', 'machines', 'worker', 'url', 'store', 'import'],
  ui: ['sim', 'machines', 'worker', 'url', 'store', 'panels', 'import'],
  import: ['sim'],
  cli: ['sim', 'url', 'import'],
};

/** Page entry points (index.html, panels.html): they assemble every layer. */
const ENTRIES = ['main.tsx', 'panels/testing/gallery.tsx'];

/**
 * Import cycles that exist today and belong to other work (issue 13, item 3): each found cycle
 * must lie within one of these groups, and a group with no cycle left in it must be removed, so
 * the list only shrinks.
 */
// None left: the step functions take the engine through host types (fq/host.ts, host.ts; issue 13
// item 3). A new cycle fails the test; a known one would be listed here with its reason.
const KNOWN_CYCLES: readonly (readonly string[])[] = [];

/**
 * Upward imports that exist today in files other work owns (issue 13 item 5): the list only
 * shrinks, like KNOWN_CYCLES. liveSession.ts should take RunSeries from sim/view.ts.
 */
const KNOWN_UPWARD: readonly string[] = [];

const SPEC = /\b(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)|new URL\(\s*['"]([^'"]+\.[jt]sx?)['"]\s*,\s*import\.meta\.url/g;

/** Relative module specifiers in a source text (comments removed first). */
export function importsOf(src: string): string[] {
  const code = src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"\\])\/\/.*$/gm, '$1');
  const out: string[] = [];
  for (const m of code.matchAll(SPEC)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (spec.startsWith('.')) out.push(spec);
  }
  return out;
}

const layerOf = (file: string): string => (file.includes('/') ? file.slice(0, file.indexOf('/')) : '');

export interface Report {
  upward: string[];
  cycles: string[][];
}

/** Checks a tree given as path (relative to src/, '/'-separated) → source text. */
export function checkTree(files: ReadonlyMap<string, string>): Report {
  const graph = new Map<string, string[]>();
  const upward: string[] = [];
  for (const [file, src] of files) {
    const deps: string[] = [];
    for (const spec of importsOf(src)) {
      const target = posix.normalize(posix.join(posix.dirname(file), spec));
      if (target.startsWith('..')) {
        upward.push(`${file} imports ${spec}, outside src/`);
        continue;
      }
      deps.push(target);
      if (ENTRIES.includes(file)) continue;
      const from = layerOf(file);
      const to = layerOf(target);
      if (from === to) continue;
      if (from === '' || to === '' || !(ALLOWED[from] ?? []).includes(to)) upward.push(`${file} imports ${target} (${from || 'src'} may not import ${to || 'src'})`);
    }
    graph.set(file, deps);
  }
  return { upward, cycles: stronglyConnected(graph) };
}

/** Tarjan's strongly connected components with more than one file, or a file importing itself. */
function stronglyConnected(graph: ReadonlyMap<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(comp.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) visit(v);
  return out.sort((a, b) => a[0].localeCompare(b[0]));
}

const within = (c: readonly string[], k: readonly string[]): boolean => c.every((f) => k.includes(f));

/** Cycles not within a known group, and known groups that hold no cycle any more. */
export function compareCycles(found: readonly string[][], known: readonly (readonly string[])[]): { unknown: string[][]; stale: string[][] } {
  return {
    unknown: found.filter((c) => !known.some((k) => within(c, k))),
    stale: known.filter((k) => !found.some((c) => within(c, k))).map((k) => [...k]),
  };
}

function readSrc(): Map<string, string> {
  const self = fileURLToPath(import.meta.url);
  const root = dirname(self);
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, d.name);
      if (d.isDirectory()) walk(p);
      // This file's own made-up trees are not imports.
      else if (/\.(ts|tsx)$/.test(d.name) && p !== self) files.set(relative(root, p).split('\\').join('/'), readFileSync(p, 'utf8'));
    }
  };
  walk(root);
  return files;
}

describe('the import checker', () => {
  it('finds every form of import, and none in comments', () => {
    const src = [
      "import { a } from './a.ts';",
      "import type { B } from '../b.ts';",
      'import {\n  c,\n  d,\n} from "./c.ts";',
      "export { e } from './e.ts';",
      "export * from './f.ts';",
      "import './g.css';",
      "const h = await import('./h.ts');",
      "new Worker(new URL('./w.ts', import.meta.url));",
      "import { x } from 'react';",
      "// import { no } from './commented.ts';",
      "/* import { no } from './block.ts'; */",
      "const url = 'http://example.org'; import { y } from './y.ts';",
    ].join('\n');
    expect(importsOf(src)).toEqual(['./a.ts', '../b.ts', './c.ts', './e.ts', './f.ts', './g.css', './h.ts', './w.ts', './y.ts']);
  });

  it('flags an upward import and a cycle, and accepts a downward one', () => {
    const r = checkTree(
      new Map([
        ['sim/a.ts', "import { b } from './b.ts';"],
        ['sim/b.ts', "import type { A } from './a.ts';"],
        ['sim/c.ts', "import { S } from '../store/s.ts';"],
        ['store/s.ts', "import { a } from '../sim/a.ts';"],
        ['url/u.ts', "import { s } from '../store/s.ts';"],
        ['main.tsx', "import { s } from './store/s.ts';"],
      ]),
    );
    expect(r.upward).toEqual(['sim/c.ts imports store/s.ts (sim may not import store)', 'url/u.ts imports store/s.ts (url may not import store)']);
    // a.ts ↔ b.ts (a type-only import counts: the files still depend on each other); c → s → a is no cycle.
    expect(r.cycles).toEqual([['sim/a.ts', 'sim/b.ts']]);
  });

  it('known cycles only shrink: a new cycle is unknown, a fixed one is stale', () => {
    const known = [['sim/a.ts', 'sim/b.ts', 'sim/c.ts']];
    expect(compareCycles([['sim/a.ts', 'sim/b.ts']], known)).toEqual({ unknown: [], stale: [] });
    expect(compareCycles([['sim/a.ts', 'sim/d.ts']], known)).toEqual({ unknown: [['sim/a.ts', 'sim/d.ts']], stale: [['sim/a.ts', 'sim/b.ts', 'sim/c.ts']] });
    expect(compareCycles([], known).stale).toEqual(known);
  });
});

/**
 * Only store actions write store state (issue 13): `.setState(` appears in src/store/ (the actions),
 * in tests and test harnesses (`testing/` folders) only, beyond this known list that must shrink.
 * playbackDriver.ts is being replaced by the playback machine, which should write through actions
 * in src/store/playback.ts.
 */
const KNOWN_WRITERS: readonly string[] = [];

/** Files outside the store that write a store's state directly. */
export function storeWriters(files: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  for (const [file, src] of files) {
    if (file.startsWith('store/') || /\.test\.tsx?$/.test(file) || file.includes('/testing/')) continue;
    const code = src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"\\])\/\/.*$/gm, '$1');
    if (/\.setState\(/.test(code)) out.push(file);
  }
  return out.sort();
}

describe('src/ imports', () => {
  const files = readSrc();
  const report = checkTree(files);

  it('only store actions write store state: no setState outside src/store/, tests and testing/', () => {
    expect(storeWriters(new Map([['panels/p.tsx', 'lab.setState({ focusCpu: 1 });'], ['store/s.ts', 'store.setState({});'], ['panels/testing/g.tsx', 'lab.setState({});']]))).toEqual(['panels/p.tsx']);
    const writers = storeWriters(files);
    expect(writers.filter((f) => !KNOWN_WRITERS.includes(f)), 'files writing store state directly').toEqual([]);
    expect(KNOWN_WRITERS.filter((f) => !writers.includes(f)), 'known writers that are gone: remove them from KNOWN_WRITERS').toEqual([]);
  });

  it('every import points down (or stays in its folder), beyond the known list, which holds only what still exists', () => {
    expect(report.upward.filter((u) => !KNOWN_UPWARD.includes(u)), 'upward imports').toEqual([]);
    expect(KNOWN_UPWARD.filter((u) => !report.upward.includes(u)), 'known upward imports that are gone: remove them from KNOWN_UPWARD').toEqual([]);
  });

  it('no import cycle beyond the known list, and the known list holds only cycles that still exist', () => {
    const { unknown, stale } = compareCycles(report.cycles, KNOWN_CYCLES);
    expect(unknown, 'new import cycles').toEqual([]);
    expect(stale, 'known cycles that are gone: remove them from KNOWN_CYCLES').toEqual([]);
  });
});
