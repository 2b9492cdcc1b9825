// The glossary (issue 15): every kernel term the page uses, defined once, in plain words. The
// panels' titles, captions and counter names, the controls' labels and the Glossary dialog read
// this table; `match` lists the spellings that mark the term in a text (case-sensitive, whole
// words). `tour` points at the chapter that shows the term (`#tour=<chapter>&step=<n>`; chapter
// ids are fixed, step 1 unless a better step is known).

export type Chapter = 'journey' | 'lazy-fast' | 'stale' | 'counters' | 'timeout' | 'allocator' | 'collapses' | 'versions';

export interface Term {
  id: string;
  /** The heading in the Glossary dialog. */
  term: string;
  /** Spellings that mark the term in page text, longest first within a term. */
  match: readonly string[];
  definition: string;
  tour?: { chapter: Chapter; step: number };
}

const T = (id: string, term: string, match: readonly string[], definition: string, chapter?: Chapter): Term =>
  chapter ? { id, term, match, definition, tour: { chapter, step: 1 } } : { id, term, match, definition };

export const TERMS: readonly Term[] = [
  T('iova', 'IOVA', ['IOVAs', 'IOVA'], 'I/O virtual address: the address a device uses for DMA. The IOMMU translates it to a physical address through the device’s page tables. The kernel allocates IOVAs per mapping and must not reuse one while the device could still reach its old translation.', 'journey'),
  T('iommu', 'IOMMU', ['IOMMU’s', 'IOMMU'], 'The I/O memory management unit: translates a device’s IOVAs to physical memory and caches the translations in its IOTLB.'),
  T('dma-api', 'dma_map / dma_unmap', ['dma_unmap_page', 'dma_map_page', 'dma_unmap', 'dma_map'], 'The DMA API calls a driver makes around each transfer: map gives the device an IOVA for a buffer (iommu_dma_map_page), unmap takes it back when the transfer is done (iommu_dma_unmap_page).', 'journey'),
  T('iotlb', 'IOTLB', ['IOTLB'], 'The IOMMU’s translation cache. Clearing a page-table entry does not remove a cached translation: it stays usable until an invalidation (a range invalidation in strict mode, flush_iotlb_all in lazy mode) completes.', 'stale'),
  T('strict', 'strict', ['strict'], 'Unmap mode (iommu.strict=1): each unmap invalidates its range in the IOTLB and waits for the IOMMU before the IOVA is freed. No stale window, but every unmap pays an invalidation and queues on the IOMMU.', 'journey'),
  T('lazy', 'lazy', ['lazy'], 'Unmap mode (iommu.strict=0, the default on most x86 and arm64 systems): the unmap puts the IOVA into a flush queue (queue_iova) and returns; a later whole-domain flush covers many unmaps at once.', 'lazy-fast'),
  T('passthrough', 'passthrough', ['passthrough'], 'Identity mode (iommu.passthrough=1): the device uses physical addresses, no IOVA is allocated and nothing is flushed.'),
  T('flush-queue', 'flush queue (FQ)', ['Flush queues', 'flush queues', 'flush queue', 'flush-queue', 'FQ'], 'In lazy mode, where unmapped IOVAs wait until a flush covers them: one ring per CPU (one shared ring for some IOMMUs from 6.7), plus the two shared counters and the timer.', 'journey'),
  T('ring', 'ring', ['rings', 'ring'], 'One flush queue: 256 slots used as a circular buffer (head = oldest entry, tail = next free slot), full at 255 entries (fq_full). Protected by its own spinlock, taken with IRQs off.', 'journey'),
  T('fq-entry', 'FQ entry', ['entries', 'entry'], 'One slot of a ring: the IOVA (pfn, pages), the page-table pages to free, and its counter stamp: fq_flush_start_cnt when it was queued.', 'counters'),
  T('start-cnt', 'fq_flush_start_cnt', ['fq_flush_start_cnt'], 'Shared counter: incremented when a flush (fq_flush_iotlb) begins. A new entry is stamped with its value.', 'counters'),
  T('finish-cnt', 'fq_flush_finish_cnt', ['fq_flush_finish_cnt'], 'Shared counter: incremented when a flush completes. An entry whose stamp is below it was unmapped before a flush that has finished began, so its IOVA can be freed (retired).', 'counters'),
  T('counter', 'counters (start / finish)', ['Counters', 'counters', 'counter'], 'The two shared 64-bit counters of a domain’s flush queues, fq_flush_start_cnt and fq_flush_finish_cnt: together they say which queued entries a finished flush already covers.', 'counters'),
  T('atomic', 'atomic64_read / atomic64_inc', ['atomic64_read', 'atomic64_inc'], 'The atomic operations on the shared 64-bit counters. Each one needs the counters’ cache line: on a big machine, reading it after another CPU wrote it is a remote fetch.', 'counters'),
  T('retire', 'retire (free pass)', ['fq_ring_free', 'retired', 'retire'], 'fq_ring_free walks a ring from its head and frees every entry whose stamp is below fq_flush_finish_cnt, into the rcache of the CPU running it.', 'counters'),
  T('flush', 'fq_flush_iotlb', ['fq_flush_iotlb', 'flush_iotlb_all'], 'The lazy flush: start counter up, invalidate the whole domain’s IOTLB entries (flush_iotlb_all) and wait, finish counter up. Run by queue_iova on a full ring and by the timeout.', 'lazy-fast'),
  T('queue-iova', 'queue_iova', ['queue_iova'], 'The lazy unmap: lock this CPU’s ring, retire what is covered, flush if still full, add the entry with its stamp, unlock, arm the timer if it is off.', 'journey'),
  T('timer', 'FQ timer (fq_timer_on)', ['fq_timer_on', 'fq_timer', 'FQ timer'], 'The 10 ms flush-queue timer. fq_timer_on says it is armed; the first queue_iova that finds it off arms it (mod_timer), so entries never wait much longer than 10 ms.', 'timeout'),
  T('timeout', 'timeout (fq_flush_timeout)', ['fq_flush_timeout', 'timeout'], 'The timer callback, in softirq on one CPU: one flush, then a free pass over every CPU’s ring. Every IOVA it frees lands in that one CPU’s rcache.', 'timeout'),
  T('stale', 'stale window', ['stale window', 'stale translations', 'stale'], 'The time after an unmap during which the IOTLB can still translate the old IOVA, so the device could still reach the memory. In lazy mode it lasts until the covering flush completes.', 'stale'),
  T('counter-reuse', 'counter reuse', ['counter reuse', 'atomic64_inc_return'], 'John Garry’s proposal (not merged): the free pass after a flush uses the finish value atomic64_inc_return returned instead of reading the shared counter again, saving one read of a contended cache line.', 'counters'),
  T('alloc-free-fast', 'alloc_iova_fast / free_iova_fast', ['alloc_iova_fast', 'free_iova_fast'], 'The IOVA allocator’s entry points: alloc_iova_fast looks in the rcache first and walks the rbtree on a miss; free_iova_fast puts the IOVA into this CPU’s rcache, or back into the rbtree when the caches have no room.', 'allocator'),
  T('rcache', 'rcache', ['rcaches', 'rcache'], 'The IOVA range cache: per size class, each CPU’s two magazines (loaded and prev) and a shared depot. Freed IOVAs go there first; allocations look there before the rbtree.', 'allocator'),
  T('magazine', 'magazine', ['magazines', 'magazine'], 'An array of freed IOVA pfns of one size class: IOVA_MAG_SIZE entries (128; 127 from 6.0).', 'allocator'),
  T('loaded-prev', 'loaded / prev', ['loaded', 'prev'], 'Each CPU’s two magazines per size class. Frees and allocations use loaded; when it is full (or empty) the CPU swaps it with prev before going to the depot.', 'allocator'),
  T('depot', 'depot', ['depot'], 'Full magazines shared by all CPUs, per size class: at most 32 (MAX_GLOBAL_MAGS) up to 6.6, the overflow going back to the rbtree; an unbounded list trimmed every 100 ms from 6.7.', 'allocator'),
  T('rbtree', 'rbtree', ['iova_rbtree_lock', 'rbtree'], 'The red-black tree of allocated IOVA ranges, under one lock per domain (iova_rbtree_lock). Used when the rcache misses: the allocator walks it for a free gap.', 'allocator'),
  T('granule', 'granule', ['granule'], 'The IOVA allocation unit (4 KiB here): a size class c holds ranges of 2^c granules.'),
  T('size-class', 'size class', ['size classes', 'size class'], 'The rcache keeps one set of magazines per power-of-two size, 1 to 32 granules (classes 0 to 5); larger IOVAs always come from the rbtree.', 'allocator'),
  T('sac', 'SAC / 32-bit-first', ['32-bit-first', 'SAC'], 'For PCI devices, iommu_dma_alloc_iova first tries an IOVA below 4 GiB (single-address-cycle), then the full range. Until 6.5 on every allocation; from 6.6 (791c2b17fb40) only until the device’s first failure.', 'collapses'),
  T('forcedac', 'forcedac', ['iommu.forcedac', 'forcedac'], 'Boot option iommu.forcedac=1 (from 5.13): skip the 32-bit-first attempt; PCI devices get IOVAs from the full range.', 'collapses'),
  T('max32', 'max32_alloc_size', ['max32_alloc_size'], 'The size of the smallest 32-bit request that failed: larger 32-bit requests fail at once without walking the rbtree, until a free resets it (any free below 4 GiB from 5b61343b5059).', 'collapses'),
  T('kernel-version', 'kernel version', ['kernel version', 'Kernel version'], 'Which Linux release’s rules the model follows (5.4 to 6.12): the allocator and flush-queue rules that changed between them.', 'versions'),
  T('irq-off', 'IRQs off', ['spin_lock_irqsave', 'IRQs-off', 'IRQs off'], 'A ring lock is taken with spin_lock_irqsave: while a CPU holds or spins on it, it takes no interrupts. Long sections trip the lockup watchdog.', 'collapses'),
  T('watchdog', 'lockup watchdog', ['lockup watchdog', 'lockups', 'lockup'], 'The kernel reports a soft lockup when a CPU does not schedule for 20 s, a hard lockup when it runs 10 s with IRQs off.', 'collapses'),
  T('cliff', 'cliff', ['cliff'], 'The lab’s name for throughput falling and staying down (src/sim/cliff.ts), as lazy mode does on big machines when the flush queues and the allocator collapse.', 'collapses'),
  T('cmdq', 'invalidation queue', ['invalidation queue', 'iommu_cmdq'], 'The IOMMU’s command queue: range invalidations (strict) and whole-domain flushes (lazy) queue there, one at a time.', 'lazy-fast'),
];

export function termById(id: string): Term | undefined {
  return TERMS.find((t) => t.id === id);
}

/**
 * The link that opens a term's chapter from the page whose hash is `hash`: the same scenario, moment
 * and view with `tour` / `step` set (any earlier ones replaced), so following it loses nothing.
 */
export function tourLinkFrom(hash: string, t: Term): string | null {
  const own = tourHref(t);
  if (!own) return null;
  const keep = hash
    .replace(/^#/, '')
    .split('&')
    .filter((p) => p !== '' && !/^(tour|step)=/.test(p));
  return `#${[...keep, own.slice(1)].join('&')}`;
}

/** The link that opens a term's tour chapter at its step. */
export function tourHref(t: Term): string | null {
  return t.tour ? `#tour=${t.tour.chapter}&step=${t.tour.step}` : null;
}
