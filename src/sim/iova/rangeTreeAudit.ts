// Invariant check for RangeTree (tests and audits only; O(n)): the red-black rules, parent links,
// key order, the in-order thread, non-overlapping ranges and the node count. Throws on a violation.

import type { RangeTree } from './rangeTree.ts';
import { NIL } from './rangeTree.ts';

export function checkRangeTree(t: RangeTree): void {
  const { left, right, parent, red, lo, hi } = t;
  if (red[NIL]) throw new Error('sentinel is red');
  if (t.root !== NIL && (red[t.root] || parent[t.root] !== NIL)) throw new Error('bad root');
  let seen = 0;
  const blackHeight = (x: number): number => {
    if (x === NIL) return 1;
    seen++;
    const l = left[x];
    const r = right[x];
    if (l !== NIL && (parent[l] !== x || lo[l] >= lo[x])) throw new Error(`bad left link at ${x}`);
    if (r !== NIL && (parent[r] !== x || lo[r] <= lo[x])) throw new Error(`bad right link at ${x}`);
    if (red[x] && (red[l] || red[r])) throw new Error(`red-red at ${x}`);
    const hl = blackHeight(l);
    if (hl !== blackHeight(r)) throw new Error(`black height differs at ${x}`);
    return hl + (red[x] ? 0 : 1);
  };
  blackHeight(t.root);
  if (seen !== t.count) throw new Error(`count ${t.count} but ${seen} nodes reachable`);
  let prev = NIL;
  let n = 0;
  for (let x = t.first(); x !== NIL; x = t.nextN[x]) {
    if (t.prevN[x] !== prev) throw new Error(`bad prev thread at ${x}`);
    if (prev !== NIL && hi[prev] >= lo[x]) throw new Error(`ranges overlap at ${x}`);
    if (hi[x] < lo[x]) throw new Error(`empty range at ${x}`);
    prev = x;
    n++;
  }
  if (n !== t.count) throw new Error(`thread has ${n} nodes, count ${t.count}`);
}
