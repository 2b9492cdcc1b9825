// Each version rule of kernel/versions.ts, pinned on small hand-built trees and magazines: the retry
// after a failed first pass (none / anchor / iova_find_limit), the max32_alloc_size reset rule, the
// retry_pfn wrap, the PCI 32-bit-first attempt by version and iommu.forcedac, the magazine pop,
// magazine size, the depot, and free_iova's lock holds.

import { describe, expect, it } from 'vitest';
import { Engine } from '../engine.ts';
import { IovaDomain } from '../iova/rbtree.ts';
import { allocMany, LIMIT48, setup } from '../iova/testEnv.ts';
import { RETRY_FAILED, RETRY_NONE, RETRY_OK } from '../iova/types.ts';
import { Magazine } from '../iova/magazine.ts';
import { LOCK_RBTREE } from '../locks.ts';
import { cloneScenario, DEFAULT_SCENARIO, resolve } from '../scenario.ts';
import { TraceRecorder } from '../trace.ts';
import { ERA_KERNEL, KERNEL_IDS, KERNEL_VERSIONS, kernelRules, type KernelRules } from './versions.ts';

const rules = (id: string): KernelRules => kernelRules(id)!;

/** A domain whose "32-bit" space is pfns 1..15 (dma_32bit_pfn = 16), with a version's tree rules. */
function domain(id: string): IovaDomain {
  return new IovaDomain(1, 16, 64, rules(id));
}
const L32 = 15;
const L64 = 2 ** 36 - 1;

/** Fills pfns 15..1 with one-pfn nodes; then the 32-bit hint is the bottom node. */
function fill32(d: IovaDomain): void {
  for (let i = 0; i < 15; i++) expect(d.alloc_iova(1, L32)).toBe(15 - i);
}

/**
 * A one-pfn gap ABOVE the 32-bit hint: fill, free 14 (the hint moves up to 15), free 4 and 5, then a
 * 2-pfn request walks past the 1-pfn gap at 14 and takes 4..5, so the hint (4) sits below the gap
 * at 14 and nothing below 4 is free. `k64` nodes above 4 GiB are allocated first.
 */
function gapAboveHint(id: string, k64: number): IovaDomain {
  const d = domain(id);
  for (let i = 0; i < k64; i++) expect(d.alloc_iova(1, L64)).toBe(L64 - i);
  fill32(d);
  for (const p of [14, 4, 5]) expect(d.free_iova(p)).toBe(true);
  expect(d.alloc_iova(2, L32)).toBe(4);
  return d;
}

/** A version's rules as one row, for the pin table. */
function row(id: string): unknown[] {
  const r = rules(id);
  return [r.retry, r.retryPfnWraps, r.max32ResetAnyFree, r.sacStopsAfterFailure, r.magSize, r.depotIsList, r.singleQueue, r.fqFile, r.freeIovaLocksTwice];
}

/** IOVA_MAG_SIZE as resolve() picks it. */
function size(kernel: string, magSize = 0): number {
  return resolve({ ...cloneScenario(DEFAULT_SCENARIO), kernel, magSize }).magSize;
}

/** Full space, hint at the top node (15), a failed request (max32 = 1), then free pfn 7 (below the hint). */
function failThenFreeBelowHint(id: string): IovaDomain {
  const d = domain(id);
  fill32(d);
  expect(d.free_iova(15)).toBe(true);
  expect(d.alloc_iova(1, L32)).toBe(15);
  expect(d.alloc_iova(1, L32)).toBe(0);
  expect(d.max32_alloc_size).toBe(1);
  expect(d.free_iova(7)).toBe(true);
  return d;
}

/** A run whose 32-bit space was filled before the first I/O (16 × 256 MiB allocations). */
function sacRun(kernel: string, o: { pci?: boolean; forcedac?: boolean } = {}): Engine {
  const s = cloneScenario(DEFAULT_SCENARIO);
  Object.assign(s, { kernel, cpus: 2, durationMs: 0.5, pci: o.pci ?? true, forcedac: o.forcedac ?? false });
  const e = new Engine(s, { trace: new TraceRecorder(false, 0) });
  let n = 0;
  while (e.alloc.alloc(0, 0, 65536, e.r.dma32Pfn - 1, false) !== 0) n++;
  expect(n).toBe(15); // pfn 0 is never allocated, so the 16th 256 MiB block does not fit
  // pfns 1..65535 remain: one block of each power of two fills them exactly.
  for (let len = 32768; len >= 1; len /= 2) expect(e.alloc.alloc(0, 0, len, e.r.dma32Pfn - 1, false)).toBe(len);
  expect(e.alloc.alloc(0, 0, 1, e.r.dma32Pfn - 1, false)).toBe(0);
  e.runUntil(e.r.durationNs);
  expect(e.metrics.ios).toBeGreaterThan(10);
  return e;
}

describe('the version table', () => {
  it('lists 5.4 … 6.12 oldest first, each with its changes text', () => {
    expect(KERNEL_IDS).toEqual(['5.4', '5.10', '5.11', '5.13', '5.15', '5.17', '5.18', '6.0', '6.1', '6.5', '6.6', '6.7', '6.12']);
    for (const v of KERNEL_VERSIONS) {
      expect(v.changes.length, v.id).toBeGreaterThan(10);
      expect(v.rules.version).toBe(v.id);
    }
    expect(kernelRules('4.19')).toBeUndefined();
  });

  it('pins each rule by version', () => {
    expect(row('5.10')).toEqual(['none', false, false, false, 128, false, false, 'iova.c', true]);
    expect(row('5.11')).toEqual(['anchor', true, false, false, 128, false, false, 'iova.c', false]);
    expect(row('5.13')).toEqual(['findLimit', true, false, false, 128, false, false, 'iova.c', false]);
    // 5.15 is the 5.15.y LTS with 5b61343b5059 and dcdb3ba7e2a8 backported.
    expect(row('5.15')).toEqual(['findLimit', false, true, false, 128, false, false, 'iova.c', false]);
    // Mainline 5.17 has neither backport.
    expect(row('5.17')).toEqual(['findLimit', true, false, false, 128, false, false, 'dma-iommu.c', false]);
    expect(row('5.18')).toEqual(['findLimit', true, true, false, 128, false, false, 'dma-iommu.c', false]);
    expect(row('6.0')).toEqual(['findLimit', true, true, false, 127, false, false, 'dma-iommu.c', false]);
    expect(row('6.5')).toEqual(['findLimit', false, true, false, 127, false, false, 'dma-iommu.c', false]);
    expect(row('6.6')).toEqual(['findLimit', false, true, true, 127, false, false, 'dma-iommu.c', false]);
    expect(row('6.7')).toEqual(['findLimit', false, true, true, 127, true, true, 'dma-iommu.c', false]);
    expect(row('6.12')).toEqual(row('6.7').map((x) => x));
    for (const id of KERNEL_IDS) expect(rules(id).magazinePopScans, id).toBe(true);
  });

  it('the old eras map to versions with exactly their rules (A: 5.15, B: 6.5, C: 6.7)', () => {
    expect(ERA_KERNEL).toEqual({ A: '5.15', B: '6.5', C: '6.7' });
    // What the era model did: iova_find_limit retry without the wrap, the any-free max32 reset.
    for (const id of Object.values(ERA_KERNEL)) {
      expect([rules(id).retry, rules(id).retryPfnWraps, rules(id).max32ResetAnyFree]).toEqual(['findLimit', false, true]);
    }
    expect([rules('5.15').magSize, rules('6.5').magSize, rules('6.7').magSize]).toEqual([128, 127, 127]);
    expect([rules('6.5').sacStopsAfterFailure, rules('6.7').sacStopsAfterFailure]).toEqual([false, true]);
  });
});

describe('__alloc_and_insert_iova_range: the retry after a failed first pass', () => {
  it('<= 5.10: no retry; the gap above the hint is never found and max32_alloc_size records the failure', () => {
    const d = gapAboveHint('5.10', 0);
    expect(d.alloc_iova(1, L32)).toBe(0);
    expect(d.lastRetry).toBe(RETRY_NONE);
    expect(d.max32_alloc_size).toBe(1);
    // Stuck: the next 32-bit request fails fast although pfn 14 is free.
    expect(d.alloc_iova(1, L32)).toBe(0);
    expect(d.lastFastFail).toBe(true);
  });

  it('5.13+: the retry starts at iova_find_limit and finds the gap above the hint', () => {
    const d = gapAboveHint('6.12', 3);
    expect(d.alloc_iova(1, L32)).toBe(14);
    expect(d.lastRetry).toBe(RETRY_OK);
    // First pass: nodes 4, 3, 2, 1 (4 steps). Retry: the lowest node above the limit (the lowest
    // 64-bit one), then node 15, whose gap below holds 14 (2 steps). One extra O(log n) search.
    expect(d.lastWalkSteps).toBe(6);
    expect(d.lastSearches).toBe(1);
  });

  it('5.11-5.12: the retry restarts at the anchor and walks every node above 4 GiB', () => {
    for (const k64 of [0, 3, 10]) {
      const d = gapAboveHint('5.11', k64);
      expect(d.alloc_iova(1, L32), `k64=${k64}`).toBe(14);
      expect(d.lastRetry).toBe(RETRY_OK);
      // First pass 4 steps; retry: the anchor, all k64 nodes above 4 GiB, then node 15.
      expect(d.lastWalkSteps).toBe(4 + 1 + k64 + 1);
      expect(d.lastSearches).toBe(0);
    }
  });

  it('a retry that finds nothing: RETRY_FAILED, and max32_alloc_size records the size', () => {
    const d = domain('6.12');
    fill32(d);
    expect(d.free_iova(15)).toBe(true);
    expect(d.alloc_iova(1, L32)).toBe(15); // hint = node 15, the space is full again
    expect(d.alloc_iova(1, L32)).toBe(0);
    expect(d.lastRetry).toBe(RETRY_FAILED);
    expect(d.max32_alloc_size).toBe(1);
  });

  it('before dcdb3ba7e2a8 a first pass that started at the anchor wraps retry_pfn to 0 and walks again', () => {
    // The 32-bit hint is the anchor (nothing above the space), the space is full: the first pass
    // walks all 15 nodes from the anchor. Fixed (6.5): no retry. Wrapped (6.1): a second full walk
    // with low = 0, which fails (the lab does not insert the node at pfn 0 that the kernel leaks).
    const steps: Record<string, number> = {};
    for (const id of ['6.1', '6.5']) {
      const d = domain(id);
      fill32(d);
      expect(d.free_iova(15)).toBe(true); // hint -> anchor
      expect(d.free_iova(1)).toBe(true); // a hole at pfn 1 only: a 2-pfn request cannot fit
      expect(d.cached32_node).toBe(d.anchor);
      expect(d.alloc_iova(2, L32), id).toBe(0);
      steps[id] = d.lastWalkSteps;
      expect(d.lastRetry, id).toBe(id === '6.1' ? RETRY_FAILED : RETRY_NONE);
    }
    expect(steps['6.1']).toBeGreaterThan(steps['6.5']);
  });
});

describe('__cached_rbnode_delete_update: the max32_alloc_size reset', () => {
  it('before 5b61343b5059 (5.17): a free below the hint does not reset it; the next request fails fast', () => {
    const d = failThenFreeBelowHint('5.17');
    expect(d.max32_alloc_size).toBe(1);
    expect(d.max32Resets).toBe(0);
    expect(d.alloc_iova(1, L32)).toBe(0);
    expect(d.lastFastFail).toBe(true);
  });

  it('from 5b61343b5059 (5.18, and 5.15.y): any free below 4 GiB resets it; the next request finds pfn 7', () => {
    for (const id of ['5.18', '5.15', '6.12']) {
      const d = failThenFreeBelowHint(id);
      expect(d.max32_alloc_size, id).toBe(16);
      expect(d.max32Resets).toBe(1);
      expect(d.alloc_iova(1, L32)).toBe(7);
    }
  });

  it('both rules reset on a free that moves the hint; a reset that changes nothing is not counted', () => {
    const d = failThenFreeBelowHint('5.17');
    expect(d.free_iova(15)).toBe(true); // the hint node itself
    expect([d.max32_alloc_size, d.max32Resets]).toEqual([16, 1]);
    expect(d.free_iova(14)).toBe(true);
    expect(d.max32Resets).toBe(1);
  });
});

describe('iommu_dma_alloc_iova: the PCI 32-bit-first (SAC) attempt', () => {
  it('up to 6.5: tried on every allocation, every attempt fails once the space is full', () => {
    const e = sacRun('6.5');
    expect(e.sac.attempts).toBeGreaterThan(10);
    expect(e.sac.failures).toBe(e.sac.attempts);
    expect(e.pci_32bit_workaround).toBe(true);
  });

  it('from 6.6 (791c2b17fb40): only until the first failure for that device', () => {
    for (const kernel of ['6.6', '6.12']) {
      const e = sacRun(kernel);
      expect([e.sac.attempts, e.sac.failures], kernel).toEqual([1, 1]);
      expect(e.pci_32bit_workaround).toBe(false);
    }
  });

  it('iommu.forcedac=1, or a non-PCI device: never tried, at any version', () => {
    for (const kernel of ['5.10', '6.5', '6.12']) {
      expect(sacRun(kernel, { forcedac: true }).sac.attempts, kernel).toBe(0);
      expect(sacRun(kernel, { pci: false }).sac.attempts, kernel).toBe(0);
    }
  });
});

describe('the rcache rules', () => {
  it('iova_magazine_pop: the top-only pop misses a below-4 GiB pfn that the scan finds', () => {
    const low = 100;
    const high = 2 ** 30;
    const m = new Magazine(4);
    m.push(low);
    m.push(high);
    expect(m.popTop(2 ** 20 - 1)).toBe(0);
    expect(m.size).toBe(2);
    expect(m.pop(2 ** 20 - 1)).toBe(low);
    expect(m.size).toBe(1);
    // Through the rcache: a 32-bit get on a CPU whose loaded magazine holds [low, high].
    for (const scan of [false, true]) {
      const s = setup({ kernel: '6.5', rules: { magazinePopScans: scan }, magSize: 8 });
      const a = s.a;
      const lowPfn = a.alloc(0, 0, 1, 2 ** 20 - 1, false);
      const highPfn = a.alloc(0, 0, 1, LIMIT48, false);
      a.free(0, 0, lowPfn, 1);
      a.free(0, 0, highPfn, 1);
      // Top-only: a miss, so the rbtree hands out a new pfn just below the cached one.
      expect(a.alloc(0, 0, 1, 2 ** 20 - 1, false), `scan=${scan}`).toBe(scan ? lowPfn : lowPfn - 1);
    }
  });

  it('magazine size by version: 128 before 6.0, 127 from 6.0 (unless the scenario overrides it)', () => {
    expect([size('5.4'), size('5.18'), size('6.0'), size('6.12'), size('6.12', 64)]).toEqual([128, 128, 127, 127, 64]);
  });

  it('the depot: fixed at MAX_GLOBAL_MAGS up to 6.6, an unbounded list with reclaim from 6.7', () => {
    const fixed = setup({ kernel: '6.6', magSize: 2, cpus: 1 });
    const list = setup({ kernel: '6.7', magSize: 2, cpus: 1 });
    for (const s of [fixed, list]) {
      const pfns = allocMany(s.a, 2 * 2 + 40 * 2);
      for (const p of pfns) s.a.free(0, 0, p, 1);
    }
    expect(fixed.a.rcache.depots[0].depot_size).toBe(32);
    expect(fixed.a.stats().magsToRbtree).toBe(8);
    expect(fixed.env.reclaims).toHaveLength(0);
    expect(list.a.rcache.depots[0].depot_size).toBe(40);
    expect(list.a.stats().magsToRbtree).toBe(0);
    expect(list.env.reclaims.length).toBeGreaterThan(0);
  });
});

describe('free_iova: iova_rbtree_lock holds', () => {
  it('before 51bba644fa40 (<= 5.10) two holds per free, one from 5.11; the same work', () => {
    const acq: Record<string, number> = {};
    const end: Record<string, number> = {};
    for (const kernel of ['5.10', '5.11']) {
      const s = setup({ kernel });
      const pfn = s.a.alloc(0, 0, 64, LIMIT48, false); // 64 granules: never cached, freed to the tree
      const before = s.env.locks.acquisitions[LOCK_RBTREE];
      const t0 = 1e6;
      end[kernel] = s.a.free(0, t0, pfn, 64) - t0;
      acq[kernel] = s.env.locks.acquisitions[LOCK_RBTREE] - before;
    }
    expect(acq).toEqual({ '5.10': 2, '5.11': 1 });
    // Each hold pays the lock's own cost once more (uncontended here).
    expect(end['5.10'] - end['5.11']).toBe(setup().env.costs.lockNs);
  });
});
