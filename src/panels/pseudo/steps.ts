// Which pseudocode line a CPU is at, in one place: every step of the CPU step table
// (src/sim/phases.ts CPU_STEPS, the table the engine parks CPUs in and the statecharts and the
// "what just happened" line read) maps to the line of program.ts whose work the CPU is in or is
// about to run, and, for a callee, the caller's line that is waiting for it. A second table maps
// trace events (what the focused CPU's last step did) to the line that did it: the free passes and
// the rcache run inside one step, so no CPU is ever parked on those lines.

import { CPU_STEPS, type PhaseName } from '../../sim/phases.ts';
import type { GET_FROM, INSERT_TO, MAP_SRC, TraceEvent } from '../../sim/trace.ts';
import type { LineRef } from './program.ts';

export interface StepLine {
  /** The line the CPU is executing (or spinning / waiting on). */
  line: LineRef;
  /** The caller's line waiting for `line`'s function, when it is a callee. */
  caller?: LineRef;
}

/** Keyed by the step's name, so the type checker sees a step added to CPU_STEPS without a line. */
export const STEP_LINE: Readonly<Record<PhaseName, StepLine>> = {
  idle: { line: 'driver:2' },
  'queue_iova:start': { line: 'queue_iova:3', caller: 'iommu_dma_unmap_page:6' },
  'queue_iova:lock': { line: 'queue_iova:3', caller: 'iommu_dma_unmap_page:6' },
  'queue_iova:flush_start': { line: 'fq_flush_iotlb:1', caller: 'queue_iova:5' },
  'queue_iova:flush': { line: 'fq_flush_iotlb:2', caller: 'queue_iova:5' },
  'queue_iova:add': { line: 'queue_iova:7', caller: 'iommu_dma_unmap_page:6' },
  iotlb_sync: { line: 'iommu_dma_unmap_page:4' },
  'fq_flush_timeout:flush_start': { line: 'fq_flush_iotlb:1', caller: 'fq_flush_timeout:2' },
  'fq_flush_timeout:flush': { line: 'fq_flush_iotlb:2', caller: 'fq_flush_timeout:2' },
  'fq_flush_timeout:ring': { line: 'fq_flush_timeout:3' },
  'fq_flush_timeout:lock': { line: 'fq_flush_timeout:4' },
};

/** The line of phase `phase` (an index into CPU_STEPS), or null for an unknown phase. */
export function stepLine(phase: number): StepLine | null {
  const s = CPU_STEPS[phase];
  return s ? STEP_LINE[s.name] : null;
}

/**
 * The line that emitted a trace event. `rcache_insert` / `rcache_get` / `map` pick the line by
 * where the IOVA went or came from; `depot_reclaim` (the depot work, no CPU) has none.
 */
export function eventLine(e: TraceEvent): LineRef | null {
  switch (e.ev) {
    case 'map':
      return MAP_LINE[String(e.src) as (typeof MAP_SRC)[number]] ?? null;
    case 'unmap':
      return 'iommu_dma_unmap_page:2';
    case 'iotlb_sync':
      return 'iommu_dma_unmap_page:7';
    case 'fq_add':
      return 'queue_iova:7';
    case 'fq_free':
      return 'fq_ring_free:5';
    case 'flush_start':
      return 'fq_flush_iotlb:1';
    case 'flush_finish':
      return 'fq_flush_iotlb:3';
    case 'timer_arm':
      return 'queue_iova:9';
    case 'timer_fire':
      return 'fq_flush_timeout:1';
    case 'timer_done':
      return 'fq_flush_timeout:7';
    case 'rcache_insert':
      return INSERT_LINE[String(e.to) as (typeof INSERT_TO)[number]] ?? null;
    case 'rcache_get':
      return GET_LINE[String(e.from) as (typeof GET_FROM)[number]] ?? null;
    case 'rcache_flush':
      return 'alloc_iova_fast:6';
    case 'depot_reclaim':
      return null;
  }
}

/** iova_rcache_insert's outcome (trace field `to`) → its line. */
export const INSERT_LINE: Readonly<Record<(typeof INSERT_TO)[number], LineRef>> = {
  loaded: 'iova_rcache_insert:2',
  prev: 'iova_rcache_insert:3',
  depot: 'iova_rcache_insert:5',
  // The fixed depot (<= v6.6) was full: the loaded magazine's IOVAs went back to the rbtree.
  rbtree: 'iova_rcache_insert:5',
};

/** Where a map's IOVA came from (trace field `src`) → the line of alloc_iova_fast that found it. */
export const MAP_LINE: Readonly<Record<(typeof MAP_SRC)[number], LineRef>> = {
  rcache: 'alloc_iova_fast:1',
  depot: 'alloc_iova_fast:1',
  rbtree: 'alloc_iova_fast:3',
  retry: 'alloc_iova_fast:6',
};

/** __iova_rcache_get's source (trace field `from`) → its line. */
export const GET_LINE: Readonly<Record<(typeof GET_FROM)[number], LineRef>> = {
  loaded: '__iova_rcache_get:2',
  prev: '__iova_rcache_get:3',
  depot: '__iova_rcache_get:4',
  miss: '__iova_rcache_get:6',
};

/**
 * The line the focused CPU's part of the last engine step ran last (LabView.stepEvents holds the
 * first few events of that step, possibly of another CPU), or null.
 */
export function lastEventLine(events: readonly TraceEvent[], cpu: number): LineRef | null {
  for (let i = events.length - 1; i >= 0; i--) {
    if (events[i].cpu !== cpu) continue;
    const l = eventLine(events[i]);
    if (l) return l;
  }
  return null;
}
