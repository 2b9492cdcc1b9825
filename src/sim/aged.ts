// The aged start state (scenario.aged): per-CPU caches and depot pre-filled per size class, since
// the hours after which the reports fell (John Garry: 16 h; his dump at 83,483 s: CPU caches
// 62,532 IOVAs, depot 24,476) cannot be simulated. The IOVAs get where the kernel would have put
// them: each is allocated (alloc_iova_fast, with the PCI 32-bit-first attempt when it is on) and
// then freed (free_iova_fast), so it is an rbtree node of its class's size parked in a magazine.
//
// Per class: the CPU-cache IOVAs are spread evenly over the CPUs (at most 2 * IOVA_MAG_SIZE each,
// loaded + prev); the depot's are pushed by CPU 0, whose loaded and prev are therefore full (a
// CPU pushes a magazine to the depot only then, __iova_rcache_insert). With a bounded depot
// (MAX_GLOBAL_MAGS) the excess goes to the rbtree as the kernel's would. Everything happens before
// time 0's first event, untraced, and each operation is uncontended (the locks are reset after
// each); the allocator's own counters (rbtree allocations, frees, walk steps) include the set-up.

import type { EngineHost } from './host.ts';
import { allocIova } from './io.ts';
import { offTrace } from './burst.ts';

export function ageAllocator(e: EngineHost): void {
  const P = e.s.cpus;
  const M = e.r.magSize;
  for (const a of e.s.aged) {
    const len = 1 << a.cls;
    const mags = Math.floor(a.depotIovas / M);
    const per = Array.from({ length: P }, (_, c) => Math.min(2 * M, Math.floor(a.cpuIovas / P) + (c < a.cpuIovas % P ? 1 : 0)));
    if (mags > 0) per[0] = 2 * M + mags * M;
    const pfns: number[] = [];
    const total = per.reduce((x, y) => x + y, 0);
    for (let k = 0; k < total; k++) {
      const pfn = step(e, 0, () => allocIova(e, 0, 0, len));
      if (pfn === 0) break; // the space is full: fewer IOVAs than asked (see docs/model.md)
      pfns.push(pfn);
    }
    let k = 0;
    for (let c = 0; c < P; c++) {
      for (let n = 0; n < per[c] && k < pfns.length; n++, k++) {
        const pfn = pfns[k];
        step(e, c, () => e.alloc.free(c, 0, pfn, len));
      }
    }
  }
}

function step(e: EngineHost, cpu: number, f: () => number): number {
  const v = offTrace(e, cpu, f);
  e.locks.reset();
  return v;
}
