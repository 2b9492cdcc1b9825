// A simple, correct stand-in allocator: size-aligned, top-down bump allocation with exact-size free
// lists under one lock. It is what the engine used before the kernel's rbtree + rcache allocator
// (allocator.ts) landed, and it stays as a baseline for tests of the flush-queue engine that must not
// depend on allocator dynamics.

import { rbtreeOpNs } from '../costs.ts';
import { LOCK_RBTREE } from '../locks.ts';
import { SRC_RBTREE } from '../trace.ts';
import type { AllocEnv, AllocatorStats, IovaAllocator } from './types.ts';
import { IOVA_RANGE_CACHE_MAX_SIZE, roundedLen } from './types.ts';

export class StandinAllocator implements IovaAllocator {
  lastEnd = 0;
  lastSrc = SRC_RBTREE;
  /** The stand-in has no gap walk and so no retry pass. */
  readonly lastRetry = 0;
  private readonly freeLists = new Map<number, number[]>();
  private nextTop: number;
  private live = 0;
  private liveMax = 0;
  private allocs = 0;
  private frees = 0;
  private failures = 0;

  constructor(
    private readonly env: AllocEnv,
    topPfn: number,
  ) {
    this.nextTop = topPfn + 1;
  }

  alloc(_cpu: number, t: number, len: number, limitPfn: number): number {
    const size = roundedLen(len);
    const list = this.freeLists.get(size);
    let pfn = 0;
    if (list && list.length > 0 && list[list.length - 1] + size - 1 <= limitPfn) pfn = list.pop()!;
    else {
      const align = size & (size - 1) ? 1 << (32 - Math.clz32(size)) : size;
      const cand = Math.floor((Math.min(this.nextTop, limitPfn + 1) - size) / align) * align;
      if (cand >= 1) {
        pfn = cand;
        this.nextTop = cand;
      }
    }
    this.lastEnd = this.env.locks.section(LOCK_RBTREE, t, rbtreeOpNs(this.env.costs, this.live));
    if (pfn === 0) {
      this.failures++;
      return 0;
    }
    this.allocs++;
    if (++this.live > this.liveMax) this.liveMax = this.live;
    return pfn;
  }

  free(_cpu: number, t: number, pfn: number, len: number): number {
    const size = roundedLen(len);
    let list = this.freeLists.get(size);
    if (!list) this.freeLists.set(size, (list = []));
    list.push(pfn);
    this.live--;
    this.frees++;
    return this.env.locks.section(LOCK_RBTREE, t, rbtreeOpNs(this.env.costs, this.live));
  }

  reclaim(): void {}

  stats(): AllocatorStats {
    return {
      rbtreeNodes: this.live + 1,
      rbtreeNodesMax: this.liveMax + 1,
      magsToRbtree: 0,
      depotSize: new Array(IOVA_RANGE_CACHE_MAX_SIZE).fill(0),
      cpuCached: new Int32Array(this.env.cpus * IOVA_RANGE_CACHE_MAX_SIZE),
      rcacheHits: 0,
      rcacheMisses: this.allocs,
      rbtreeAllocs: this.allocs,
      rbtreeFrees: this.frees,
      rbtreeWalkSteps: 0,
      allocFailures: this.failures,
    };
  }
}
