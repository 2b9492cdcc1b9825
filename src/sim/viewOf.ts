// engineView: a LabView (view.ts) of an engine at its current moment — what the panels draw. Every
// array is a fresh copy, so the view can be transferred to the page while the engine runs on.

import type { Engine } from './engine.ts';
import { fqCovered } from './fq/ring.ts';
import type { KernelIovaAllocator } from './iova/allocator.ts';
import { IOVA_ANCHOR } from './iova/rbtree.ts';
import { NIL } from './iova/rangeTree.ts';
import { IOVA_RANGE_CACHE_MAX_SIZE } from './iova/types.ts';
import { TappedTrace } from './traceTap.ts';
import { pct } from './observe.ts';
import { SLOT_COVERED, SLOT_WAITING, type LabView } from './view.ts';
import { IO_PFN, IO_REC } from './ioSlots.ts';

const CLASSES = IOVA_RANGE_CACHE_MAX_SIZE;
/** Most ranges an address strip carries. */
export const MAX_STRIP_RANGES = 4096;

export const KIND_MAPPED = 0;
export const KIND_FQ = 1;
export const KIND_CACHED = 2;

export interface ViewOptions {
  /** The moment shown (ns); defaults to the engine's clock. */
  t?: number;
  /** Build the address strip (the costliest part at many CPUs); otherwise it is empty. */
  strip?: boolean;
}

function kernelAlloc(e: Engine): KernelIovaAllocator | null {
  const a = e.alloc as Partial<KernelIovaAllocator>;
  return a.rcache && a.iovad ? (a as KernelIovaAllocator) : null;
}

export function engineView(e: Engine, opts: ViewOptions = {}): LabView {
  const t = opts.t ?? e.now;
  const s = e.s;
  const q = e.rings;
  const n = q.nrings * q.size;
  const slotState = new Uint8Array(n);
  const slotPfn = new Float64Array(n);
  const slotPages = new Int32Array(n);
  const slotCounter = new Float64Array(n);
  // fq_ring_free's rule (fqCovered), seen from outside: an entry is covered once a flush that began
  // after its unmap has finished.
  const finish = e.fqFinish;
  for (let r = 0; r < q.nrings; r++) {
    for (let idx = q.head[r]; idx !== q.tail[r]; idx = (idx + 1) & q.mask) {
      const i = r * q.size + idx;
      slotState[i] = fqCovered(q.counter[i], finish) ? SLOT_COVERED : SLOT_WAITING;
      slotPfn[i] = q.pfn[i];
      slotPages[i] = q.pages[i];
      slotCounter[i] = q.counter[i];
    }
  }

  const P = s.cpus;
  const magLoaded = new Int32Array(P * CLASSES);
  const magPrev = new Int32Array(P * CLASSES);
  const ka = kernelAlloc(e);
  const st = e.alloc.stats();
  if (ka) {
    for (let i = 0; i < P * CLASSES; i++) {
      magLoaded[i] = ka.rcache.loaded[i].size;
      magPrev[i] = ka.rcache.prev[i].size;
    }
  }
  const strip = opts.strip !== false && ka ? addressStrip(e, ka) : { ranges: new Float64Array(0), kind: new Uint8Array(0), total: ka ? ka.iovad.nodes - 1 : 0 };
  const m = e.metrics;
  const counts = e.iotlb.counts();
  const armed = e.fqTimerOn === 1;
  return {
    t,
    events: e.trace.count,
    mode: e.mode,
    kernel: s.kernel,
    fqFile: e.r.rules.fqFile,
    counterReuse: s.counterReuse,
    cpus: P,
    nrings: q.nrings,
    fqSize: q.size,
    ringHead: q.head.slice(),
    ringTail: q.tail.slice(),
    slotState,
    slotPfn,
    slotPages,
    slotCounter,
    fqFlushStartCnt: e.fqStart,
    fqFlushFinishCnt: e.fqFinish,
    fqTimerOn: e.fqTimerOn,
    timerExpires: armed ? e.timerExpires : -1,
    timerCpu: armed ? e.timerCpu : -1,
    counterReads: { finish: m.finishReads, start: m.startReads, finishSaved: m.finishReadsSaved, remote: e.lines.remoteReads },
    flushes: { full: m.flushesFull, timeout: m.flushesTimeout },
    cpuPhase: e.phase.slice(),
    magLoaded,
    magPrev,
    magSize: e.r.magSize,
    depot: st.depotSize.slice(),
    depotMax: e.r.rules.depotIsList ? -1 : s.depotMax,
    rbtreeNodes: st.rbtreeNodes,
    magsToRbtree: st.magsToRbtree,
    ranges: strip.ranges,
    rangeKind: strip.kind,
    rangeTotal: strip.total,
    iotlbCapacity: s.iotlbEntries,
    iotlbValid: counts.valid,
    iotlbStale: counts.stale,
    staleMax: e.iotlb.staleMax,
    staleMaxNs: e.iotlb.staleMaxAt(t),
    granuleKiB: s.granuleKiB ?? 4,
    // Only the live History's engine keeps its last step's events (traceTap.ts); others have none.
    stepEvents: e.trace instanceof TappedTrace ? e.trace.stepEvents() : [],
    stepEventCount: e.trace instanceof TappedTrace ? e.trace.stepCount : 0,
    quietSteps: e.trace instanceof TappedTrace ? e.trace.quietSteps : 0,
    ...observedSoFar(e, Math.max(t, e.now)),
  };
}

/** The observables (observe.ts) at moment `now` (the view's, never before the engine's clock): O(CPUs). */
function observedSoFar(e: Engine, now: number): Pick<LabView, 'allocCpuPct' | 'rbtreeSpinnersMax' | 'longestTimeoutNs' | 'longestIrqOffNs' | 'watchdog'> {
  const o = e.obs;
  const ns = o.allocNsUpTo(now);
  let total = 0;
  for (let c = 0; c < ns.length; c++) total += ns[c];
  let irq = 0;
  for (const x of o.longestIrqOff(now)) if (x > irq) irq = x;
  return {
    allocCpuPct: now > 0 ? pct(total / (now * ns.length)) : 0,
    rbtreeSpinnersMax: o.rbtreeSpinnersMax,
    longestTimeoutNs: o.longestTimeout(now, e.metrics.timeoutNsMax),
    longestIrqOffNs: irq,
    watchdog: o.watchdogCounts(now),
  };
}

/**
 * The rbtree's allocated ranges in address order (the anchor left out), each with where its IOVA
 * is now: mapped by an I/O in flight, waiting in a flush queue, or otherwise held by the allocator —
 * in a CPU's magazine or the depot (a freed IOVA stays an rbtree node while cached). Touching
 * ranges of the same kind are merged; beyond MAX_STRIP_RANGES, consecutive ranges are grouped and
 * each group takes its most common kind.
 */
function addressStrip(e: Engine, ka: KernelIovaAllocator): { ranges: Float64Array; kind: Uint8Array; total: number } {
  const tree = ka.iovad.tree;
  // kind + 1 per node id (0 = not marked: cached)
  const mark = new Uint8Array(tree.lo.length);
  const markPfn = (pfn: number, kind: number) => {
    const node = tree.find(pfn);
    if (node !== NIL) mark[node] = kind + 1;
  };
  // I/O slots not on a free list hold a live mapping.
  const free = new Uint8Array(e.ioSlots);
  for (let c = 0; c < e.freeIoHead.length; c++) for (let io = e.freeIoHead[c]; io >= 0; io = e.ioNext[io]) free[io] = 1;
  for (let io = 0; io < free.length; io++) if (!free[io] && e.ioIommu[io]) markPfn(e.ioRec[io * IO_REC + IO_PFN], KIND_MAPPED);
  const q = e.rings;
  for (let r = 0; r < q.nrings; r++) {
    for (let idx = q.head[r]; idx !== q.tail[r]; idx = (idx + 1) & q.mask) markPfn(q.pfn[r * q.size + idx], KIND_FQ);
  }
  // Merge touching ranges of one kind.
  const total = tree.count - 1;
  const lo = new Float64Array(Math.max(1, total));
  const hi = new Float64Array(Math.max(1, total));
  const kd = new Uint8Array(Math.max(1, total));
  let k = 0;
  for (let x = tree.first(); x !== NIL; x = tree.nextN[x]) {
    if (tree.lo[x] === IOVA_ANCHOR) continue;
    const kind = mark[x] > 0 ? mark[x] - 1 : KIND_CACHED;
    if (k > 0 && kd[k - 1] === kind && hi[k - 1] + 1 === tree.lo[x]) hi[k - 1] = tree.hi[x];
    else {
      lo[k] = tree.lo[x];
      hi[k] = tree.hi[x];
      kd[k] = kind;
      k++;
    }
  }
  const g = Math.ceil(k / MAX_STRIP_RANGES) || 1;
  const out = Math.ceil(k / g);
  const ranges = new Float64Array(2 * out);
  const kind = new Uint8Array(out);
  const votes = new Int32Array(4);
  for (let j = 0; j < out; j++) {
    const a = j * g;
    const b = Math.min(k, a + g);
    votes.fill(0);
    for (let i = a; i < b; i++) votes[kd[i]]++;
    let best = 0;
    for (let v = 1; v < 4; v++) if (votes[v] > votes[best]) best = v;
    ranges[2 * j] = lo[a];
    ranges[2 * j + 1] = hi[b - 1];
    kind[j] = best;
  }
  return { ranges, kind, total };
}
