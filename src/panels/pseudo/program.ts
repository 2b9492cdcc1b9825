// The pseudocode panel's text: the lazy and strict unmap path, the flush queue and the IOVA
// caches, as short pseudocode written for this lab in plain words (not kernel source). Each block
// is one kernel function (drivers/iommu/dma-iommu.c, iova.c); line numbers are 1-based within a
// block and are the ids tours highlight (`data-tour="pseudo:<fn>:<n>"`). A line whose rule changed
// between kernel versions names the rule (a KernelRules key of src/sim/kernel/versions.ts) and
// gives one wording per value of that rule; the panel picks the wording from the version's rules.

import type { KernelRules } from '../../sim/kernel/versions.ts';

/** The rules whose value changes a line's wording (keys of KernelRules). */
export type VersionedRule = 'sacStopsAfterFailure' | 'depotIsList' | 'magazinePopScans' | 'max32ResetAnyFree' | 'magSize' | 'freeIovaLocksTwice' | 'singleQueue';

export interface Versioned {
  rule: VersionedRule;
  /** One wording per value of the rule, keyed by String(value). */
  forms: Readonly<Record<string, string>>;
  /** The upstream commit (or series) that changed the rule, for the marker's tooltip. */
  commit: string;
}

export interface PseudoLine {
  /** Indent level (2 spaces each). */
  indent: number;
  /** The wording when no rule applies (versioned lines use `v.forms`). */
  text: string;
  v?: Versioned;
}

export interface PseudoFn {
  id: string;
  /** The heading: the function and its arguments, as the kernel names them. */
  sig: string;
  /** Where the function lives; 'fq' = iova.c up to v5.16, dma-iommu.c from v5.17 (rules.fqFile). */
  file: 'dma-iommu.c' | 'iova.c' | 'fq' | 'driver';
  lines: readonly PseudoLine[];
}

const L = (indent: number, text: string, v?: Versioned): PseudoLine => (v ? { indent, text: '', v } : { indent, text });

const SAC: Versioned = {
  rule: 'sacStopsAfterFailure',
  commit: '791c2b17fb40 "iommu: Optimise PCI SAC address trick"',
  forms: {
    false: 'if PCI device and not iommu.forcedac: try below 4 GiB first (on every allocation)',
    true: 'if PCI device and not iommu.forcedac and pci_32bit_workaround still set: try below 4 GiB first',
  },
};

export const PROGRAM: readonly PseudoFn[] = [
  {
    id: 'driver',
    sig: 'a driver’s I/O (not a kernel function)',
    file: 'driver',
    lines: [
      L(0, 'dma_map_page(buffer) → iommu_dma_map_page: iommu_dma_alloc_iova, then map the pages'),
      L(0, 'the device reads or writes the buffer through its IOVA'),
      L(0, 'on completion: dma_unmap_page(buffer) → iommu_dma_unmap_page'),
    ],
  },
  {
    id: 'iommu_dma_unmap_page',
    sig: 'iommu_dma_unmap_page(dev, dma_addr, size) → __iommu_dma_unmap',
    file: 'dma-iommu.c',
    lines: [
      L(0, 'gather.queued = the domain has a flush queue (lazy mode)'),
      L(0, 'iommu_unmap_fast: clear the page-table entries (the IOTLB may still hold them)'),
      L(0, 'if not gather.queued:   // strict'),
      L(1, 'iommu_iotlb_sync: invalidate this range in the IOTLB, wait for the IOMMU'),
      L(0, 'iommu_dma_free_iova:'),
      L(1, 'if gather.queued: queue_iova(pfn, pages)   // freed after a later flush'),
      L(1, 'else: free_iova_fast(pfn, pages)   // reusable at once'),
    ],
  },
  {
    id: 'queue_iova',
    sig: 'queue_iova(cookie, pfn, pages, freelist)',
    file: 'fq',
    lines: [
      L(0, 'smp_mb()   // the page-table clear is visible before any counter read'),
      L(0, '', {
        rule: 'singleQueue',
        commit: 'Niklas Schnelle’s shadow_on_flush series (v6.7)',
        forms: { false: 'fq = this CPU’s ring', true: 'fq = the one shared ring if the IOMMU asks for it, else this CPU’s ring' },
      }),
      L(0, 'spin_lock_irqsave(&fq->lock)'),
      L(0, 'fq_ring_free(fq)   // retire what finished flushes already cover'),
      L(0, 'if the ring is full: fq_flush_iotlb(); fq_ring_free(fq)'),
      L(0, 'idx = next tail slot; entry = {pfn, pages, freelist}'),
      L(0, 'entry.counter = fq_flush_start_cnt   // the stamp'),
      L(0, 'spin_unlock_irqrestore(&fq->lock)'),
      L(0, 'if fq_timer_on was 0 (cmpxchg 0 → 1): mod_timer(now + 10 ms)'),
    ],
  },
  {
    id: 'fq_ring_free',
    sig: 'fq_ring_free(cookie, fq)   // fq->lock held',
    file: 'fq',
    lines: [
      L(0, 'done = fq_flush_finish_cnt'),
      L(0, 'for each entry from head to tail:'),
      L(1, 'if entry.counter >= done: stop   // no flush begun after its unmap has finished'),
      L(1, 'free the page-table pages on entry.freelist'),
      L(1, 'free_iova_fast(entry.pfn, entry.pages)   // into THIS CPU’s rcache'),
      L(1, 'head = head + 1 (mod ring size)'),
    ],
  },
  {
    id: 'fq_flush_iotlb',
    sig: 'fq_flush_iotlb(cookie)',
    file: 'fq',
    lines: [
      L(0, 'atomic64_inc(&fq_flush_start_cnt)'),
      L(0, 'flush_iotlb_all(domain): invalidate the whole domain, wait for the IOMMU'),
      L(0, 'atomic64_inc(&fq_flush_finish_cnt)'),
      L(0, '// entries stamped before this flush began are now safe: counter < finish'),
    ],
  },
  {
    id: 'fq_flush_timeout',
    sig: 'fq_flush_timeout(timer)   // softirq, on the CPU whose timer fired',
    file: 'fq',
    lines: [
      L(0, 'fq_timer_on = 0   // a queue_iova from now on re-arms the timer'),
      L(0, 'fq_flush_iotlb()'),
      L(0, 'for each CPU’s ring (or the one shared ring):'),
      L(1, 'spin_lock_irqsave(&ring->lock)'),
      L(1, 'fq_ring_free(ring)   // frees into THIS CPU’s rcache'),
      L(1, 'spin_unlock_irqrestore(&ring->lock)'),
      L(0, 'return'),
    ],
  },
  {
    id: 'iommu_dma_alloc_iova',
    sig: 'iommu_dma_alloc_iova(domain, size, dma_limit, dev)',
    file: 'dma-iommu.c',
    lines: [
      L(0, '', SAC),
      L(1, 'iova = alloc_iova_fast(pages, 4 GiB limit, flush_rcache = false)'),
      L(1, '', {
        rule: 'sacStopsAfterFailure',
        commit: SAC.commit,
        forms: { false: '// a failure changes nothing: the next map tries again', true: 'if it failed: pci_32bit_workaround = false   // never again for this device' },
      }),
      L(0, 'if no iova yet: iova = alloc_iova_fast(pages, dma_limit, flush_rcache = true)'),
      L(0, 'return iova   // 0: the map fails'),
    ],
  },
  {
    id: 'alloc_iova_fast',
    sig: 'alloc_iova_fast(iovad, size, limit_pfn, flush_rcache)',
    file: 'iova.c',
    lines: [
      L(0, 'pfn = iova_rcache_get(size, limit_pfn)   // this CPU’s magazines, then the depot'),
      L(0, 'if found: return pfn'),
      L(0, 'retry: alloc_iova: walk the rbtree for a gap under iova_rbtree_lock'),
      L(1, 'a 32-bit request of max32_alloc_size pages or more fails at once'),
      L(0, 'if that failed and flush_rcache:'),
      L(1, 'flush_rcache = false; free every CPU’s cached IOVAs and the depot; goto retry'),
      L(0, 'return the new pfn (0 if none)'),
    ],
  },
  {
    id: '__iova_rcache_get',
    sig: '__iova_rcache_get(rcache, limit_pfn)   // one size class',
    file: 'iova.c',
    lines: [
      L(0, 'spin_lock(this CPU’s cpu_rcache)'),
      L(0, 'if loaded is not empty: use loaded'),
      L(0, 'else if prev is not empty: swap loaded and prev; use loaded'),
      L(0, '', {
        rule: 'depotIsList',
        commit: '911aa1245da8 "Make the rcache depot scale better"',
        forms: {
          false: 'else if the depot (an array) holds a magazine: free loaded, loaded = depot[--depot_size]',
          true: 'else if the depot list holds a magazine: free loaded, loaded = iova_depot_pop()',
        },
      }),
      L(0, '', {
        rule: 'magazinePopScans',
        commit: 'e8b198402745 "iommu/iova: Try harder to allocate from rcache magazine"',
        forms: {
          false: 'pfn = iova_magazine_pop(loaded): the top pfn, if it is under limit_pfn',
          true: 'pfn = iova_magazine_pop(loaded): scan for any pfn under limit_pfn',
        },
      }),
      L(0, 'spin_unlock; return pfn   // 0 = miss: the rbtree allocates'),
    ],
  },
  {
    id: 'free_iova_fast',
    sig: 'free_iova_fast(iovad, pfn, size)',
    file: 'iova.c',
    lines: [
      L(0, 'if iova_rcache_insert(pfn, size): return   // cached for this CPU'),
      L(0, '', {
        rule: 'freeIovaLocksTwice',
        commit: '51bba644fa40 "iommu: avoid taking iova_rbtree_lock twice"',
        forms: {
          true: 'free_iova(pfn): find_iova takes iova_rbtree_lock, __free_iova takes it again',
          false: 'free_iova(pfn): one hold of iova_rbtree_lock to find and remove the node',
        },
      }),
      L(0, '', {
        rule: 'max32ResetAnyFree',
        commit: '5b61343b5059 "iommu/iova: Improve 32-bit free space estimate"',
        forms: {
          false: 'reset max32_alloc_size only if the free moves the 32-bit hint (cached32_node)',
          true: 'any free below 4 GiB resets max32_alloc_size   // 32-bit walks allowed again',
        },
      }),
      L(0, 'free the struct iova: its range is a gap in the rbtree again'),
    ],
  },
  {
    id: 'iova_rcache_insert',
    sig: 'iova_rcache_insert(iovad, pfn, size) → __iova_rcache_insert',
    file: 'iova.c',
    lines: [
      L(0, 'spin_lock(this CPU’s cpu_rcache)'),
      L(0, '', {
        rule: 'magSize',
        commit: '"iommu/iova: change IOVA_MAG_SIZE to 127 to save memory" (v6.0)',
        forms: { '128': 'if loaded is not full (128 pfns): push pfn onto loaded', '127': 'if loaded is not full (127 pfns): push pfn onto loaded' },
      }),
      L(0, 'else if prev is not full: swap loaded and prev; push pfn'),
      L(0, 'else: get an empty magazine; the full loaded one goes to the depot:'),
      L(1, '', {
        rule: 'depotIsList',
        commit: '911aa1245da8, 233045378dbb "Manage the depot list size"',
        forms: {
          false: 'if depot_size < 32 (MAX_GLOBAL_MAGS): depot[depot_size++] = loaded; else its IOVAs go back to the rbtree',
          true: 'iova_depot_push(loaded); iova_depot_work_func trims the list every 100 ms',
        },
      }),
      L(1, 'loaded = the empty magazine; push pfn'),
      L(0, 'spin_unlock; return whether pfn was cached'),
    ],
  },
];

/** The wording of line `l` under `rules`. */
export function lineText(l: PseudoLine, rules: KernelRules): string {
  return l.v ? (l.v.forms[String(rules[l.v.rule])] ?? l.text) : l.text;
}

/** The file a block lives in at this version. */
export function fnFile(f: PseudoFn, rules: KernelRules): string | null {
  if (f.file === 'driver') return null;
  return f.file === 'fq' ? rules.fqFile : f.file;
}

/** `fn:n` (1-based line n of block fn): the id of a line, as in data-tour="pseudo:fn:n". */
export type LineRef = `${string}:${number}`;

export function findLine(ref: LineRef): { fn: PseudoFn; line: PseudoLine; n: number } | undefined {
  const i = ref.lastIndexOf(':');
  const fn = PROGRAM.find((f) => f.id === ref.slice(0, i));
  const n = Number(ref.slice(i + 1));
  const line = fn?.lines[n - 1];
  return fn && line ? { fn, line, n } : undefined;
}
