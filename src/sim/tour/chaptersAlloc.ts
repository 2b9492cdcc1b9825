// Chapters 5–8 of the guided tours (issue 15): the timeout, the allocator, the collapses and what
// changed between kernel versions. Texts name the kernel functions (docs/kernel.md §3.5–3.7, §6,
// §1); every number is read from the run when the step fires.

import type { ChapterDef, Predict } from './types.ts';
import type { TourCtx } from './context.ts';
import type { TraceEvent } from '../trace.ts';
import { insertTarget, landsOn, nextAllocHits, ringsToRetire } from './predict.ts';
import { at, dur, int, num, pfn, uniqueOptions } from './words.ts';

/** Before the timeout's ring loop: which rings will fq_flush_timeout take entries from? */
export function predictTimeoutRings(e: TraceEvent, c: TourCtx): Predict {
  const rings = ringsToRetire(c, num(e, 'finish'));
  const list = rings.map((x) => `CPU ${x.ring} (${x.n})`).join(', ');
  const right = rings.length === 0 ? 'none: every ring is empty or holds only newer entries' : rings.length === 1 && rings[0].ring === e.cpu ? `only its own ring, CPU ${e.cpu}’s` : `every ring with covered entries: ${list}`;
  const { options, answer } = uniqueOptions([`only its own ring, CPU ${e.cpu}’s`, right, 'none: every ring is empty or holds only newer entries'], right);
  return {
    question: `fq_flush_timeout on CPU ${e.cpu} has flushed: fq_flush_finish_cnt is ${num(e, 'finish')}. Now it visits every CPU’s ring in turn, each under that ring’s lock. Which rings will it take entries from?`,
    options,
    answer,
    why: `The callback runs fq_ring_free on every ring, not just its own, and retires every entry whose counter is below ${num(e, 'finish')}. At this moment: ${list || 'no ring has such entries'}. An owner that flushes its own ring first wins the race for its entries.`,
  };
}

/** At a timeout's fq_free of another CPU's entry: whose rcache gets the IOVA? */
export function predictLanding(e: TraceEvent, c: TourCtx): Predict {
  const owner = num(e, 'ring');
  const right = `CPU ${landsOn(e.cpu)}’s, the CPU running the timeout`;
  const { options, answer } = uniqueOptions([`CPU ${owner}’s, the ring’s owner`, right, 'the depot, shared by all CPUs'], right);
  return {
    question: `The timeout on CPU ${e.cpu} retires IOVA ${pfn(num(e, 'pfn'))} from CPU ${owner}’s ring. free_iova_fast puts it into which rcache?`,
    options,
    answer,
    why: `iova_rcache_insert uses the rcache of the CPU executing it (raw_cpu_ptr), so every IOVA the timeout frees lands on CPU ${e.cpu}, whichever ring it came from: the funnel that drains the other CPUs’ caches. (In this run ${int(c.timerFrees)} had been retired by this callback before it.)`,
  };
}

/** Before a map on e.cpu: will __iova_rcache_get serve it? */
export function predictHit(e: TraceEvent, c: TourCtx): Predict {
  const cls = num(e, 'cls');
  const hits = nextAllocHits(c, e.cpu, cls);
  const held = c.heldOf(e.cpu, cls);
  const depot = c.depot.get(cls) ?? 0;
  return {
    question: `CPU ${e.cpu} is about to allocate an IOVA of size class ${cls}. Its loaded and prev magazines hold ${held} IOVAs of that class, the depot ${depot} full magazines. Will the allocation come from the cache?`,
    options: ['yes, from the rcache (loaded, prev or the depot)', 'no: alloc_iova_fast falls back to the rbtree'],
    answer: hits ? 0 : 1,
    why: hits
      ? `__iova_rcache_get takes one from loaded, else swaps in prev, else takes a full magazine from the depot: ${held > 0 ? 'this CPU holds some' : 'the depot has one'}, so no iova_rbtree_lock.`
      : `loaded, prev and the depot are all empty for this class, so __iova_rcache_get misses and alloc_iova_fast allocates from the rbtree under iova_rbtree_lock.`,
  };
}

/** Before an rcache insert: where does the IOVA go? */
export function predictInsert(e: TraceEvent, c: TourCtx): Predict {
  const cls = num(e, 'cls');
  const right = insertTarget(c, e.cpu, cls, c.s.depotMax, c.r.rules.depotIsList);
  const label = { 'loaded or prev': 'into loaded or prev', depot: 'a fresh loaded; the full one goes to the depot', rbtree: 'a fresh loaded; the full one goes back to the rbtree' }[right];
  const { options, answer } = uniqueOptions(['into loaded or prev', 'a fresh loaded; the full one goes to the depot', 'a fresh loaded; the full one goes back to the rbtree'], label);
  return {
    question: `CPU ${e.cpu} frees an IOVA of class ${cls}. Its loaded and prev hold ${c.heldOf(e.cpu, cls)} (two magazines of ${c.magSize}); the depot has ${c.depot.get(cls) ?? 0} of ${c.s.depotMax} full magazines. Where does iova_rcache_insert put it?`,
    options,
    answer,
    why:
      right === 'loaded or prev'
        ? 'There is room in loaded (or in prev, swapped in): the IOVA goes there.'
        : right === 'depot'
          ? 'Both magazines are full: the full loaded is pushed to the depot (iova_depot_push) and the IOVA goes into a new empty magazine.'
          : `Both magazines are full and the depot already holds MAX_GLOBAL_MAGS (${c.s.depotMax}): up to 6.6 the full magazine is freed back to the rbtree (iova_magazine_free_pfns), one iova_rbtree_lock hold for all its IOVAs.`,
  };
}

const timeout: ChapterDef = {
  id: 'timeout',
  title: 'The timeout',
  summary: 'fq_timer_on, the 10 ms timer, one CPU’s callback freeing every ring into its own rcache.',
  preset: 'tiny-lazy',
  overrides: {},
  steps: [
    {
      when: (e) => e.ev === 'timer_arm',
      text: (e, c) =>
        `The first queue_iova finds fq_timer_on at 0 and sets it: CPU ${e.cpu} arms the flush-queue timer for ${at(num(e, 'expires'))} (${dur(c.r.fqTimeoutNs)} later). While it is pending, other CPUs only read fq_timer_on and leave the timer alone.`,
      highlight: ['counters:row-timer', 'counters:row-expires'],
      pause: true,
    },
    {
      when: (e) => e.ev === 'timer_fire',
      text: (e, c) =>
        `The timer fires on CPU ${e.cpu}: fq_flush_timeout sets fq_timer_on back to 0. ${int(c.count('fq_add'))} entries were queued and ${int(c.count('fq_free'))} retired before it.`,
      highlight: ['counters:row-timer', 'timeline:panel', 'statechart:flushTimer:firing'],
      pause: true,
    },
    {
      when: (e, c) => e.ev === 'flush_start' && e.reason === 'timeout' && e.cpu === c.hit(2).cpu,
      text: (e) =>
        `It calls fq_flush_iotlb like a full ring would: fq_flush_start_cnt becomes ${num(e, 'start')}, and flush_iotlb_all invalidates the whole domain.`,
      highlight: ['timeline:panel', 'counters:row-start'],
      pause: true,
    },
    {
      when: (e, c) => e.ev === 'flush_finish' && e.reason === 'timeout' && e.cpu === c.hit(2).cpu,
      text: (e, c) => {
        const rings = ringsToRetire(c, num(e, 'finish'));
        return `The flush is done (fq_flush_finish_cnt ${num(e, 'finish')}). Next, fq_flush_timeout takes each CPU’s ring lock in turn and runs fq_ring_free on it: ${rings.length ? rings.map((x) => `${x.n} entr${x.n === 1 ? 'y' : 'ies'} on CPU ${x.ring}’s ring`).join(', ') : 'nothing'} can go.`;
      },
      highlight: ['queues:panel', 'counters:row-finish'],
      pause: true,
      predict: predictTimeoutRings,
    },
    {
      when: (e, c) => e.ev === 'fq_free' && e.cpu === c.timerCpu && num(e, 'ring') !== e.cpu,
      text: (e) =>
        `Here it is: the callback on CPU ${e.cpu} retires IOVA ${pfn(num(e, 'pfn'))} from CPU ${num(e, 'ring')}’s ring (counter ${num(e, 'counter')} < ${num(e, 'finish')}), at ${at(e.t)}.`,
      highlight: ['queues:panel'],
      pause: true,
      predict: predictLanding,
    },
    {
      when: (e, c) => e.ev === 'timer_done' && e.cpu === c.hit(2).cpu,
      text: (e, c) =>
        `The callback returns after ${dur(e.t - c.hit(2).t)} of softirq time. It retired ${int(c.timerFrees)} entries from ${c.timerRings.size} ring${c.timerRings.size === 1 ? '' : 's'}, all into CPU ${e.cpu}’s rcache. Under steady load the owners usually flush their own rings first (a full ring), so the timer finds little; when CPUs stop unmapping (preset pause-unmaps) it funnels whole rings onto one CPU.`,
      highlight: ['allocator:panel', 'counters:row-timeoutMax'],
      pause: true,
    },
  ],
};

const allocator: ChapterDef = {
  id: 'allocator',
  title: 'The allocator',
  summary: 'loaded and prev magazines, the depot, the rbtree: where a freed IOVA lands and where the next one comes from.',
  preset: 'tiny-lazy',
  // Small magazines and a one-magazine depot so every path shows within milliseconds; completions on
  // the next CPU so one CPU frees what the other allocates.
  overrides: { magSize: 4, depotMax: 1, workload: { completion: 'next' } },
  steps: [
    {
      when: (e) => e.ev === 'map',
      text: (e) =>
        `The first allocation: CPU ${e.cpu}’s rcache is empty, so __iova_rcache_get missed and alloc_iova_fast took IOVA ${pfn(num(e, 'pfn'))} from the rbtree, under iova_rbtree_lock.`,
      highlight: ['allocator:panel'],
      pause: true,
      predict: predictHit,
    },
    {
      when: (e) => e.ev === 'rcache_insert' && e.to === 'loaded',
      text: (e) =>
        `The first free: iova_rcache_insert puts the IOVA into CPU ${e.cpu}’s loaded magazine (class ${num(e, 'cls')}). Completions run on the next CPU in this run, so CPU ${e.cpu} frees what another CPU allocated.`,
      highlight: ['allocator:panel'],
      pause: true,
    },
    {
      when: (e) => e.ev === 'rcache_insert' && e.to === 'prev',
      text: (e, c) =>
        `CPU ${e.cpu}’s loaded magazine is full (${c.magSize} IOVAs here; 127 in real kernels since 6.0): it swaps loaded with the empty prev and goes on filling.`,
      highlight: ['allocator:panel'],
      pause: true,
    },
    {
      when: (e) => e.ev === 'rcache_insert' && e.to === 'depot',
      text: (e, c) =>
        `Both magazines full: the full loaded goes to the depot (iova_depot_push), now ${(c.depot.get(num(e, 'cls')) ?? 0) + 1} of ${c.s.depotMax} magazines, and a new empty loaded takes the IOVA.`,
      highlight: ['allocator:panel'],
      pause: true,
      predict: predictInsert,
    },
    {
      when: (e) => e.ev === 'rcache_get' && e.from === 'depot',
      text: (e) =>
        `CPU ${e.cpu} allocates with loaded and prev empty: __iova_rcache_get takes the full magazine from the depot. This is how IOVAs freed on one CPU reach another.`,
      highlight: ['allocator:panel'],
      pause: true,
    },
    {
      when: (e) => e.ev === 'rcache_insert' && e.to === 'rbtree',
      text: (e, c) =>
        `The depot already holds MAX_GLOBAL_MAGS (${c.s.depotMax} in this run, 32 in the kernel up to 6.6): the full magazine is freed back into the rbtree (iova_magazine_free_pfns), ${c.magSize} erases under one iova_rbtree_lock hold. From 6.7 the depot is a list and this never happens.`,
      highlight: ['allocator:panel', 'counters:row-spinners'],
      pause: true,
    },
  ],
};

/** 64 KiB granules, 2 MiB maps: the 32-bit space (65,536 granules) fills in milliseconds on 8 CPUs. */
const SAC_SMALL = { granuleKiB: 64, cpus: 8, durationMs: 20, workload: { sizes: [{ pages: 512, weight: 1 }] } };

const sacFailed = (c: TourCtx): boolean => c.sac.failures > 0;

const collapses: ChapterDef = {
  id: 'collapses',
  title: 'The collapses',
  summary: 'The 32-bit-first (SAC) loop of kernel 6.5, depot overflow, and the upstream fixes.',
  preset: 'sac-edge',
  overrides: SAC_SMALL,
  steps: [
    {
      when: (e) => e.ev === 'map',
      text: (e, c) =>
        `Kernel ${c.s.kernel}, a PCI device: iommu_dma_alloc_iova first tries below 4 GiB (the “SAC” trick), on every allocation. With ${c.s.granuleKiB} KiB granules that space is ${int(c.r.dma32Pfn)} granules; each map here takes ${num(e, 'pages')}.`,
      highlight: ['allocator:panel'],
      pause: true,
    },
    {
      when: (e, c) => e.ev === 'map' && sacFailed(c),
      text: (e, c) =>
        `At ${at(e.t)} the 32-bit space is full: the attempt fails, records max32_alloc_size, and the allocation walks again without the limit. ${int(c.sac.failures)} of ${int(c.sac.attempts)} attempts have failed so far.`,
      highlight: ['allocator:panel', 'counters:row-allocCpu'],
      pause: true,
    },
    {
      when: (e) => e.t >= 15_000_000,
      text: (e, c) =>
        `By ${at(e.t)}: ${int(c.sac.failures)} failed 32-bit attempts out of ${int(c.sac.attempts)}, each a walk under iova_rbtree_lock, and any free below 4 GiB re-enables the next walk (5b61343b5059). The full preset sac-edge (128 CPUs) collapses this way, recovers and collapses again. The fixes: 791c2b17fb40 (6.6) stops trying after the first failure, iommu.forcedac=1 never tries; for depot overflow, 911aa1245da8 and 233045378dbb (6.7) make the depot a list. See the versions chapter.`,
      highlight: ['throughput:panel', 'counters:row-allocCpu', 'counters:row-spinners'],
      pause: true,
    },
  ],
};

const versions: ChapterDef = {
  id: 'versions',
  title: 'What changed between versions',
  summary: 'The same load at kernel 6.6: the 32-bit-first attempt stops at its first failure (791c2b17fb40).',
  preset: 'sac-edge',
  overrides: { ...SAC_SMALL, kernel: '6.6' },
  steps: [
    {
      when: (e) => e.ev === 'map',
      text: (e, c) =>
        `The collapses chapter’s load, at kernel ${c.s.kernel} (kv=${c.s.kernel}). In this version the flush-queue code lives in ${c.r.rules.fqFile}, magazines hold ${c.magSize} IOVAs, and the depot is ${c.r.rules.depotIsList ? 'a list' : `a fixed array of ${c.s.depotMax}`}.`,
      highlight: ['allocator:panel'],
      pause: true,
    },
    {
      when: (e, c) => e.ev === 'map' && sacFailed(c),
      text: (e, c) =>
        `At ${at(e.t)} the device’s first 32-bit attempt fails (after ${int(c.sac.attempts)} attempts). Since 6.6 (791c2b17fb40) iommu_dma_alloc_iova clears dev->iommu->pci_32bit_workaround here: this device never tries below 4 GiB again.`,
      highlight: ['allocator:panel'],
      pause: true,
    },
    {
      when: (e) => e.t >= 15_000_000,
      text: (e, c) =>
        `By ${at(e.t)}: still ${int(c.sac.attempts)} attempts and ${int(c.sac.failures)} failure${c.sac.failures === 1 ? '' : 's'}, where at 6.5 every allocation goes on trying below 4 GiB first (the collapses chapter). Other changes the lab models: the retry after a failed walk (4e89dce72521, 5.11; iova_find_limit, 5.13), the max32_alloc_size reset on any free below 4 GiB (5b61343b5059, 5.18), IOVA_MAG_SIZE 127 (6.0), the depot list (6.7). Change the kernel version in the scenario bar to compare.`,
      highlight: ['throughput:panel'],
      pause: true,
    },
  ],
};

export const ALLOC_CHAPTERS: readonly ChapterDef[] = [timeout, allocator, collapses, versions];
