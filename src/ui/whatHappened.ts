// The "what just happened" line under the playback bar: a pure function from the trace events of
// the last engine step (LabView.stepEvents, kept by sim/traceTap.ts) to one sentence naming the CPU,
// the kernel function and what it did, e.g. "CPU 3 · queue_iova: entry 17 stamped 42; ring 3 holds
// 18/255". One description per event kind of the trace contract (sim/trace.ts EV); the kernel
// function is the one whose work the event records (drivers/iommu/dma-iommu.c, iova.c).

import type { TraceEvent } from '../sim/trace.ts';
import type { LabView } from '../sim/view.ts';

export interface Happening {
  /** "CPU 3", or "depot work" for events not run by a CPU's I/O path. */
  who: string;
  /** The kernel function. */
  fn: string;
  what: string;
}

/** The ring state the sentence quotes (after the step). */
export type RingState = Pick<LabView, 'fqSize' | 'nrings' | 'ringHead' | 'ringTail'>;

const KIB = (pages: number) => `${pages * 4} KiB`;
const pfnHex = (pfn: number) => `0x${Math.round(pfn).toString(16)}`;
/** Size class c of the IOVA rcache holds ranges of 2^c pages. */
const cls = (c: number) => `${KIB(2 ** Number(c))} class`;

const MAP_SRC: Record<string, string> = {
  rcache: 'from this CPU’s magazine',
  depot: 'from a depot magazine',
  rbtree: 'from the rbtree (cache miss)',
  retry: 'from the rbtree after flushing every CPU’s cache',
};
const INSERT_TO: Record<string, string> = {
  loaded: 'into this CPU’s loaded magazine',
  prev: 'into the prev magazine (loaded was full: swapped)',
  depot: 'into a fresh magazine (the full one went to the depot)',
  rbtree: 'back to the rbtree (no room in the magazines or the depot)',
};
const GET_FROM: Record<string, string> = {
  loaded: 'from the loaded magazine',
  prev: 'from the prev magazine (swapped in)',
  depot: 'from a depot magazine',
  miss: 'missed: every cache was empty, the rbtree allocates',
};

/** Entries a ring holds (the kernel's ring is full at size - 1: fq_full). */
export function ringCount(v: RingState, ring: number): number {
  if (ring < 0 || ring >= v.nrings) return 0;
  return (v.ringTail[ring] - v.ringHead[ring] + v.fqSize) % v.fqSize;
}

/** What one trace event says, in the kernel's words. */
export function describeEvent(e: TraceEvent, v: RingState): Happening {
  const who = e.cpu < 0 ? 'depot work' : `CPU ${e.cpu}`;
  const n = (k: string) => Number(e[k]);
  switch (e.ev) {
    case 'map':
      return { who, fn: 'iommu_dma_map_page', what: `mapped ${KIB(n('pages'))} at IOVA pfn ${pfnHex(n('pfn'))}, ${MAP_SRC[String(e.src)] ?? String(e.src)}` };
    case 'unmap':
      return { who, fn: 'iommu_dma_unmap_page', what: `unmapped ${KIB(n('pages'))} at IOVA pfn ${pfnHex(n('pfn'))}` };
    case 'iotlb_sync':
      return { who, fn: 'iommu_iotlb_sync', what: `strict: invalidated ${KIB(n('pages'))} at pfn ${pfnHex(n('pfn'))} and waited; the IOVA is freed at once` };
    case 'fq_add': {
      const r = n('ring');
      return { who, fn: 'queue_iova', what: `entry ${n('idx')} stamped ${n('counter')}; ring ${r} holds ${ringCount(v, r)}/${v.fqSize - 1}` };
    }
    case 'fq_free':
      return {
        who,
        fn: 'fq_ring_free',
        what: `retired entry ${n('idx')} of ring ${n('ring')} (stamp ${n('counter')} < fq_flush_finish_cnt ${n('finish')}): its IOVA is freed`,
      };
    case 'flush_start':
      return {
        who,
        fn: 'fq_flush_iotlb',
        what: `${e.reason === 'full' ? 'ring full' : 'timeout'}: whole-domain IOTLB flush begins, fq_flush_start_cnt → ${n('start')}`,
      };
    case 'flush_finish':
      return { who, fn: 'fq_flush_iotlb', what: `flush done, fq_flush_finish_cnt → ${n('finish')}: entries stamped below it may be retired` };
    case 'timer_arm':
      return { who, fn: 'queue_iova', what: `armed the flush-queue timer (mod_timer) for t = ${(n('expires') / 1e6).toFixed(3)} ms` };
    case 'timer_fire':
      return { who, fn: 'fq_flush_timeout', what: 'the flush-queue timer fired: flush, then free every ring' };
    case 'timer_done':
      return { who, fn: 'fq_flush_timeout', what: 'the timeout’s flush and free passes are done' };
    case 'rcache_insert':
      return { who, fn: 'iova_rcache_insert', what: `freed a ${cls(n('cls'))} IOVA ${INSERT_TO[String(e.to)] ?? String(e.to)}` };
    case 'rcache_get':
      return { who, fn: 'iova_rcache_get', what: `${cls(n('cls'))}: ${GET_FROM[String(e.from)] ?? String(e.from)}` };
    case 'depot_reclaim':
      return { who, fn: 'iova_depot_work_func', what: `returned one ${cls(n('cls'))} depot magazine to the rbtree; ${n('depot')} left` };
    case 'rcache_flush':
      return { who, fn: 'free_cpu_cached_iovas', what: 'allocation failed: flushing every CPU’s IOVA caches and the depots, then retrying' };
  }
}

/** Which event of a step heads the sentence: the most telling one, not simply the first. */
const RANK: Record<TraceEvent['ev'], number> = {
  flush_start: 0,
  flush_finish: 1,
  timer_fire: 2,
  fq_add: 3,
  iotlb_sync: 4,
  rcache_flush: 5,
  timer_done: 6,
  timer_arm: 7,
  map: 8,
  unmap: 9,
  fq_free: 10,
  depot_reclaim: 11,
  rcache_insert: 12,
  rcache_get: 13,
};

export interface StepSentence {
  head: Happening | null;
  /** When the head event took effect: "14.998213 ms" ("" when none). */
  at: string;
  /** What follows the head: the other events of the step ("" when none). */
  rest: string;
  /** The sentence as one string (for aria-live and tests). */
  text: string;
}

/**
 * The line for the moment shown: the headline event of the last engine step that emitted any (a
 * step that only submits an I/O or resumes a wait emits nothing), and how many others came with it.
 */
export function whatHappened(v: Pick<LabView, 'stepEvents' | 'stepEventCount' | 'mode' | 't'> & RingState): StepSentence {
  const evs = v.stepEvents;
  if (evs.length === 0) {
    const text =
      v.mode === 'passthrough'
        ? 'Passthrough: the IOMMU translates nothing, so no IOMMU work and no trace event happens.'
        : v.t === 0
          ? 'Nothing has happened yet: the run starts at t = 0.'
          : 'No trace event yet: the first I/Os are being submitted.';
    return { head: null, at: '', rest: '', text };
  }
  let best = evs[0];
  for (const e of evs) if (RANK[e.ev] < RANK[best.ev]) best = e;
  const head = describeEvent(best, v);
  const others = v.stepEventCount - 1;
  const names = [...new Set(evs.filter((e) => e !== best).map((e) => e.ev))];
  const rest = others > 0 ? ` (+${others} more event${others === 1 ? '' : 's'} in this step: ${names.join(', ')}${v.stepEventCount > evs.length ? ', …' : ''})` : '';
  const at = `${(best.t / 1e6).toFixed(6)} ms`;
  return { head, at, rest, text: `${at} · ${head.who} · ${head.fn}: ${head.what}${rest}` };
}
