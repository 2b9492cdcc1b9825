// Chapters 1–4 of the guided tours (issue 15): one unmap's journey, why lazy is fast, the stale
// window, the two counters. Texts name the kernel functions (docs/kernel.md §2–3); every number is
// read from the run when the step fires.

import type { ChapterDef, Predict } from './types.ts';
import type { TourCtx } from './context.ts';
import type { TraceEvent } from '../trace.ts';
import { retirable } from './predict.ts';
import { at, dur, int, num, pfn, uniqueOptions } from './words.ts';

/** tiny-lazy (2 CPUs, 16-slot rings, queue depth 4): single entries are easy to follow. */
const TINY = 'tiny-lazy';

/** The question before a free pass that follows a flush on `cpu` (fq_ring_free after fq_flush_iotlb). */
export function predictRetire(e: TraceEvent, c: TourCtx): Predict {
  const ring = c.s.queue === 'single' ? 0 : e.cpu;
  const entries = [...c.ring(ring).values()];
  const limit = num(e, 'finish');
  const k = retirable(entries, limit);
  const n = entries.length;
  const right = k === 0 ? 'none of them' : k === n ? `all ${n}` : `the oldest ${k}`;
  const half = Math.max(1, Math.floor(n / 2));
  const { options, answer } = uniqueOptions(['none of them', `the oldest ${half}`, right, `all ${n}`], right);
  return {
    question: `CPU ${e.cpu}'s flush has finished: fq_flush_finish_cnt is now ${limit}. Its ring holds ${n} entries, stamped with counters ${entries[0]?.counter ?? '–'} to ${entries[n - 1]?.counter ?? '–'}. How many will the free pass (fq_ring_free) retire?`,
    options,
    answer,
    why: `fq_ring_free retires from the head while an entry's counter is below fq_flush_finish_cnt (${limit}). ${k} of the ${n} entries were stamped before this flush started, so the one flush_iotlb_all covers them all at once${k < n ? `; the other ${n - k} were queued after it began and must wait for the next flush` : ''}.`,
  };
}

const journey: ChapterDef = {
  id: 'journey',
  title: 'One unmap’s journey, lazy then strict',
  summary: 'From dma_map to queue_iova, the flush, the free pass and the rcache; then the same unmap in strict mode.',
  preset: TINY,
  // At 15 ms the domain switches to strict, so the last step shows the strict path in the same run.
  overrides: { interventions: [{ kind: 'mode', atMs: 15, mode: 'strict' }] },
  steps: [
    {
      when: (e) => e.ev === 'map' && e.cpu === 0,
      text: (e) =>
        `CPU 0 maps a DMA buffer. alloc_iova_fast gives it IOVA ${pfn(num(e, 'pfn'))} (${num(e, 'pages')} page, size class ${num(e, 'cls')}), found in the ${e.src === 'rbtree' ? 'rbtree: the CPU’s rcache is still empty' : e.src}; iommu_map writes the page table. The device can now reach the buffer.`,
      highlight: ['allocator:panel'],
      pause: true,
    },
    {
      when: (e) => e.ev === 'unmap' && e.cpu === 0,
      text: (e, c) =>
        `At ${at(e.t)} the I/O completes and the driver unmaps IOVA ${pfn(num(e, 'pfn'))}. __iommu_dma_unmap clears the page table (iommu_unmap_fast), but in lazy mode it does not invalidate the IOTLB: the translation may still be cached. ${int(c.count('map'))} maps so far.`,
      highlight: ['iotlb:panel', 'timeline:panel'],
      pause: true,
    },
    {
      when: (e, c) => e.ev === 'fq_add' && e.cpu === 0 && num(e, 'pfn') === num(c.hit(2).event, 'pfn'),
      text: (e) =>
        `queue_iova puts it in CPU 0’s flush queue, slot ${num(e, 'idx')} of ring 0, stamped with counter ${num(e, 'counter')}: the value of fq_flush_start_cnt now. The IOVA may only be reused after a flush that starts later than this.`,
      highlight: ['queues:panel', 'counters:row-start', 'statechart:cpuFlushQueue:__iommu_dma_unmap.queue_iova.fq_add'],
      pause: true,
    },
    {
      when: (e) => e.ev === 'timer_arm',
      text: (e) =>
        `queue_iova then reads fq_timer_on: it was 0, so CPU ${e.cpu} swaps in 1 and arms the timer with mod_timer for ${at(num(e, 'expires'))}, ${dur(num(e, 'expires') - e.t)} from now. Nobody else arms it until it fires.`,
      highlight: ['counters:row-timer', 'counters:row-expires', 'statechart:flushTimer:armed'],
      pause: true,
    },
    {
      when: (e) => e.ev === 'flush_start',
      text: (e) =>
        `CPU ${e.cpu} starts a flush (${e.reason === 'full' ? 'its ring is full' : 'the FQ timer fired'}): fq_flush_iotlb increments fq_flush_start_cnt to ${num(e, 'start')} and calls flush_iotlb_all, one invalidation of the whole domain’s IOTLB.`,
      highlight: ['timeline:panel', 'counters:row-start'],
      pause: true,
    },
    {
      when: (e, c) => e.ev === 'fq_free' && num(e, 'pfn') === num(c.hit(3).event, 'pfn'),
      text: (e, c) =>
        `fq_ring_free retires our entry: its counter ${num(e, 'counter')} is below fq_flush_finish_cnt ${num(e, 'finish')}, so a finished flush started after its unmap. It waited ${dur(e.t - c.hit(3).t)} in the ring.`,
      highlight: ['queues:panel', 'counters:row-finish'],
      pause: true,
    },
    {
      when: (e, c) => e.ev === 'rcache_insert' && e.cpu === c.hit(6).cpu,
      text: (e) =>
        `free_iova_fast hands the IOVA to iova_rcache_insert on CPU ${e.cpu}, the CPU running the pass: it lands in that CPU’s ${e.to} magazine (size class ${num(e, 'cls')}), ready for the next map of that size.`,
      highlight: ['allocator:panel'],
      pause: true,
    },
    {
      when: (e) => e.ev === 'iotlb_sync',
      text: (e, c) =>
        `At 15 ms this run switches the domain to strict (a what-if: the kernel cannot make a live lazy domain strict; docs/model.md). Now an unmap on CPU ${e.cpu} invalidates its range and waits for the sync (about ${dur(c.s.costs.invRangeNs)} on the IOMMU’s command queue, longer when other CPUs queue there too) before free_iova_fast: no ring, no stamp, no stale translation.`,
      highlight: ['timeline:panel', 'iotlb:panel'],
      pause: true,
    },
  ],
};

const lazyFast: ChapterDef = {
  id: 'lazy-fast',
  title: 'Why lazy is fast',
  summary: 'One flush_iotlb_all covers a whole ring of unmaps; strict pays one invalidation per unmap.',
  preset: 'default',
  overrides: { cpus: 4, durationMs: 10 },
  steps: [
    {
      when: (e) => e.ev === 'fq_add' && e.cpu === 0,
      text: (e, c) =>
        `Default load on ${c.s.cpus} CPUs, lazy mode. CPU 0 queues its first unmap with queue_iova: slot ${num(e, 'idx')} of a ${c.r.fqSize}-slot ring, counter ${num(e, 'counter')}.`,
      highlight: ['queues:panel'],
      pause: true,
    },
    {
      when: (e) => e.ev === 'flush_start' && e.reason === 'full',
      text: (e, c) =>
        `CPU ${e.cpu}’s ring is full: ${c.ring(e.cpu).size} entries (one slot stays empty to tell full from empty). queue_iova calls fq_flush_iotlb under the ring lock: fq_flush_start_cnt becomes ${num(e, 'start')} and one flush_iotlb_all goes to the IOMMU.`,
      highlight: ['queues:panel', 'counters:row-flushes'],
      pause: true,
    },
    {
      when: (e, c) => e.ev === 'flush_finish' && e.cpu === c.hit(2).cpu,
      text: (e, c) =>
        `The flush took ${dur(e.t - c.hit(2).t)}. fq_flush_finish_cnt is ${num(e, 'finish')}, and the second free pass retires ${retirable(c.ring(e.cpu).values(), num(e, 'finish'))} of the ring’s ${c.ring(e.cpu).size} entries: that many unmaps paid for by one invalidation.`,
      highlight: ['queues:panel', 'counters:row-finish'],
      pause: true,
      predict: predictRetire,
    },
    {
      when: (e) => e.t >= 5_000_000,
      text: (e, c) => {
        const unmaps = c.count('unmap');
        const flushes = c.count('flush_start');
        return `After ${at(e.t)}: ${int(unmaps)} unmaps and ${int(flushes)} flushes, one flush per ${int(unmaps / Math.max(1, flushes))} unmaps: a flush started by any CPU also covers the older entries of every other ring, which their owners retire in their next queue_iova. Strict would have sent ${int(unmaps)} range invalidations of about ${dur(c.s.costs.invRangeNs)} each through the one command queue that all ${c.s.cpus} CPUs share, against ${int(flushes)} flush_iotlb_all of about ${dur(c.s.costs.flushAllNs)}.`;
      },
      highlight: ['throughput:panel', 'counters:row-flushes'],
      pause: true,
    },
  ],
};

const stale: ChapterDef = {
  id: 'stale',
  title: 'The stale window',
  summary: 'What a device can still reach after an unmap in lazy mode, measured; why strict exists.',
  preset: TINY,
  overrides: {},
  steps: [
    {
      when: (e) => e.ev === 'unmap',
      text: (e) =>
        `CPU ${e.cpu} unmaps IOVA ${pfn(num(e, 'pfn'))} at ${at(e.t)}. The page table no longer maps it, but the IOTLB may still hold the translation: until a flush, the device (or a malicious one) can still read and write that memory, which the kernel may already reuse.`,
      highlight: ['iotlb:panel'],
      pause: true,
    },
    {
      when: (e) => e.ev === 'flush_start',
      text: (e, c) =>
        `The first flush starts at ${at(e.t)} on CPU ${e.cpu} (${e.reason === 'full' ? 'a full ring' : 'the FQ timeout'}). ${int(c.count('unmap'))} unmaps happened before it; all their translations were stale until now.`,
      highlight: ['iotlb:panel', 'timeline:panel'],
      pause: true,
    },
    {
      when: (e, c) => e.ev === 'flush_finish' && e.cpu === c.hit(2).cpu,
      text: (e, c) =>
        `flush_iotlb_all completes at ${at(e.t)}: the first unmapped IOVA’s translation was usable for ${dur(e.t - c.hit(1).t)} after its unmap returned. In strict mode that window is zero, because the unmap waits for the range invalidation; that is why the kernel keeps untrusted (external-facing) devices in strict mode.`,
      highlight: ['iotlb:panel', 'counters:row-finish'],
      pause: true,
    },
  ],
};

const counters: ChapterDef = {
  id: 'counters',
  title: 'The two counters',
  summary: 'fq_flush_start_cnt and fq_flush_finish_cnt, when an entry is retirable, and John Garry’s atomic64_inc_return reuse.',
  preset: TINY,
  overrides: { counterReuse: true },
  steps: [
    {
      when: (e) => e.ev === 'fq_add',
      text: (e) =>
        `Every queued entry is stamped with fq_flush_start_cnt as queue_iova read it: this one, slot ${num(e, 'idx')} of ring ${num(e, 'ring')}, has counter ${num(e, 'counter')}.`,
      highlight: ['counters:row-start', 'queues:panel'],
      pause: true,
    },
    {
      when: (e) => e.ev === 'flush_start',
      text: (e) =>
        `fq_flush_iotlb increments fq_flush_start_cnt to ${num(e, 'start')} before flush_iotlb_all. Entries stamped before this moment have counters below ${num(e, 'start')}.`,
      highlight: ['counters:row-start'],
      pause: true,
    },
    {
      when: (e, c) => e.ev === 'flush_finish' && e.cpu === c.hit(2).cpu,
      text: (e) =>
        `When the flush completes, fq_flush_finish_cnt becomes ${num(e, 'finish')}. An entry is retirable once its counter is below fq_flush_finish_cnt: a flush that started after it was queued has finished.`,
      highlight: ['counters:row-finish', 'queues:panel'],
      pause: true,
      predict: predictRetire,
    },
    {
      when: (e, c) => e.ev === 'flush_finish' && c.count('flush_finish') >= 1 && e.t >= 20_000_000,
      text: (e, c) => {
        const full = c.count('flush_finish:full') + (e.reason === 'full' ? 1 : 0);
        const byTimer = c.count('flush_finish:timeout') + (e.reason === 'timeout' ? 1 : 0);
        return `This run has John Garry’s proposal on (counter reuse): the free pass after a flush uses the value atomic64_inc_return gave instead of reading fq_flush_finish_cnt again. That saves one atomic read per flush in queue_iova and one per ring in the timeout, never more: by ${at(e.t)}, ${int(full)} ring-full flushes and ${int(byTimer)} timeouts over ${c.r.nrings} rings bound the saving at ${int(full + byTimer * c.r.nrings)} reads of ${dur(c.s.costs.atomicLocalNs)}–${dur(c.s.costs.atomicRemoteNs)} each. Compare the “reads saved” row, and run it again with counter reuse off.`;
      },
      highlight: ['counters:row-saved', 'counters:row-readsFinish'],
      pause: true,
    },
  ],
};

export const FQ_CHAPTERS: readonly ChapterDef[] = [journey, lazyFast, stale, counters];
