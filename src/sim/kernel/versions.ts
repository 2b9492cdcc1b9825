// The kernel versions the lab models, each resolved to the IOVA-allocator and flush-queue rules that
// decide the collapses in docs/model.md ("Kernel versions"). The engine reads a KernelRules object
// ONCE at setup (resolve() in scenario.ts) and keeps plain booleans: no version comparisons on the
// hot path. Versions are mainline releases vX.Y, except 5.15: the 5.15.y LTS as shipped after its
// stable backports of 5b61343b5059 and dcdb3ba7e2a8 (docs/model.md says why).

/** What __alloc_and_insert_iova_range does when its first pass finds no gap. */
export type RetryRule =
  /** <= v5.10: record max32_alloc_size = size and fail. */
  | 'none'
  /** v5.11-v5.12, 4e89dce72521: restart at the anchor with low = retry_pfn (walks every node above the limit). */
  | 'anchor'
  /** v5.13+, "iommu/iova: Improve restart logic": restart at iova_find_limit(limit). */
  | 'findLimit';

export interface KernelRules {
  /** The version this object was resolved from, e.g. '6.12'. */
  readonly version: string;
  /** __alloc_and_insert_iova_range's retry after a failed first pass (see RetryRule). */
  readonly retry: RetryRule;
  /**
   * Before dcdb3ba7e2a8 ("iommu/iova: Fix alloc iova overflows issue", v6.2): retry_pfn =
   * pfn_hi + 1 wraps to 0 when the hint is the anchor (pfn_hi = ~0UL), so a failed walk that
   * started at the anchor retries once more with low_pfn = 0. Only matters with a retry rule.
   */
  readonly retryPfnWraps: boolean;
  /**
   * __cached_rbnode_delete_update: true from 5b61343b5059 ("iommu/iova: Improve 32-bit free space
   * estimate", v5.18; in 5.15.y as a stable backport): any free below dma_32bit_pfn resets
   * max32_alloc_size. False before: only a free that moves cached32_node resets it.
   */
  readonly max32ResetAnyFree: boolean;
  /**
   * iommu_dma_alloc_iova: true from 791c2b17fb40 ("iommu: Optimise PCI SAC address trick", v6.6):
   * a PCI device tries the 32-bit space only until its first failure
   * (dev->iommu->pci_32bit_workaround). False before: on every allocation.
   */
  readonly sacStopsAfterFailure: boolean;
  /**
   * iova_magazine_pop: scan the whole magazine for a pfn under the limit (e8b198402745, "iommu/iova:
   * Try harder to allocate from rcache magazine"); false = look at the top pfn only. Every version
   * listed here scans; the top-only rule is kept for tests and older kernels (docs/model.md).
   */
  readonly magazinePopScans: boolean;
  /** IOVA_MAG_SIZE: 128, then 127 from "iommu/iova: change IOVA_MAG_SIZE to 127 to save memory" (v6.0). */
  readonly magSize: 127 | 128;
  /**
   * The depot: false = a fixed array of MAX_GLOBAL_MAGS (32) per size class (<= v6.6); true = an
   * unbounded list shrunk by iova_depot_work_func every IOVA_DEPOT_DELAY (v6.7: 911aa1245da8
   * "Make the rcache depot scale better", 233045378dbb "Manage the depot list size").
   */
  readonly depotIsList: boolean;
  /** One shared flush queue for shadow_on_flush IOMMUs (v6.7, Niklas Schnelle's s390 series). */
  readonly singleQueue: boolean;
  /**
   * Where queue_iova, fq_ring_free and fq_flush_timeout live: iova.c up to v5.16, dma-iommu.c from
   * v5.17 ("iommu/iova: Move flush queue code to iommu-dma"). Same behaviour; labels and docs only.
   */
  readonly fqFile: 'iova.c' | 'dma-iommu.c';
  /**
   * free_iova: true before 51bba644fa40 ("iommu: avoid taking iova_rbtree_lock twice", v5.11):
   * find_iova and __free_iova each take iova_rbtree_lock. False: one hold for find + remove.
   */
  readonly freeIovaLocksTwice: boolean;
}

export interface KernelVersion {
  readonly id: string;
  /** What changes at this version (for the version select), relative to the previous entry. */
  readonly changes: string;
  readonly rules: KernelRules;
}

type Base = Omit<KernelRules, 'version'>;

// The oldest modelled version. 4.x kernels differ in ways the lab does not model (docs/model.md).
const V5_4: Base = {
  retry: 'none',
  retryPfnWraps: false,
  max32ResetAnyFree: false,
  sacStopsAfterFailure: false,
  magazinePopScans: true,
  magSize: 128,
  depotIsList: false,
  singleQueue: false,
  fqFile: 'iova.c',
  freeIovaLocksTwice: true,
};

const table: [string, string, Partial<Base>][] = [
  ['5.4', 'LTS. FQ code in iova.c; no retry after a failed first pass (a stuck cached node fails the allocation); free_iova takes iova_rbtree_lock twice; PCI devices try a 32-bit IOVA on every allocation; 128-pfn magazines; depot of 32 magazines per size.', {}],
  ['5.10', 'LTS. Same allocator and flush-queue rules as 5.4.', {}],
  ['5.11', '4e89dce72521: a failed first pass restarts from the anchor (a failing 32-bit attempt walks every node above 4 GiB too). 51bba644fa40: free_iova takes iova_rbtree_lock once.', { retry: 'anchor', retryPfnWraps: true, freeIovaLocksTwice: false }],
  ['5.13', '"Improve restart logic": the retry starts at iova_find_limit (an O(log n) search) instead of the anchor. iommu.forcedac= boot option.', { retry: 'findLimit' }],
  ['5.15', 'LTS, 5.15.y: 5b61343b5059 (any free below 4 GiB resets max32_alloc_size) and dcdb3ba7e2a8 (no retry_pfn wrap) arrived as stable backports.', { max32ResetAnyFree: true, retryPfnWraps: false }],
  ['5.17', 'Flush-queue code moves from iova.c to dma-iommu.c (same behaviour). Mainline 5.17 has neither 5.15.y backport.', { fqFile: 'dma-iommu.c' }],
  ['5.18', '5b61343b5059: any free below 4 GiB resets max32_alloc_size, not only one that moves the 32-bit hint.', { max32ResetAnyFree: true }],
  ['6.0', 'IOVA_MAG_SIZE 128 → 127 (a magazine is exactly 1 KiB).', { magSize: 127 }],
  ['6.1', 'LTS. No change to these rules (dcdb3ba7e2a8 came in 6.2 and 6.1.y).', {}],
  ['6.5', 'dcdb3ba7e2a8 (6.2): retry_pfn no longer wraps when the hint is the anchor. Last version trying a 32-bit IOVA on every allocation.', { retryPfnWraps: false }],
  ['6.6', '791c2b17fb40: a PCI device tries 32-bit IOVAs only until its first failure (pci_32bit_workaround).', { sacStopsAfterFailure: true }],
  ['6.7', '911aa1245da8, 233045378dbb: the depot is an unbounded list shrunk every 100 ms (IOVA_DEPOT_DELAY); optional single flush queue.', { depotIsList: true, singleQueue: true }],
  ['6.12', 'LTS. No change to these rules since 6.7.', {}],
];

function build(): KernelVersion[] {
  const out: KernelVersion[] = [];
  let rules: Base = V5_4;
  for (const [id, changes, delta] of table) {
    rules = { ...rules, ...delta };
    // 5.15.y's backports are not in mainline 5.17: it starts again from 5.13's rules plus its own.
    if (id === '5.17') {
      const { version: _v, ...r513 } = out.find((v) => v.id === '5.13')!.rules;
      rules = { ...r513, ...delta };
    }
    out.push({ id, changes, rules: Object.freeze({ ...rules, version: id }) });
  }
  return out;
}

export const KERNEL_VERSIONS: readonly KernelVersion[] = build();

/** Every selectable version id, oldest first. */
export const KERNEL_IDS: readonly string[] = KERNEL_VERSIONS.map((v) => v.id);

/** The newest version in the list (docs/model.md says why it is the default). */
export const DEFAULT_KERNEL = '6.12';

/** The rules of version `id`, or undefined for a version the lab does not model. */
export function kernelRules(id: string): KernelRules | undefined {
  return KERNEL_VERSIONS.find((v) => v.id === id)?.rules;
}

/** The old eras (URL version 2) and the versions that reproduce them exactly (migrate_2_to_3). */
export const ERA_KERNEL: Readonly<Record<'A' | 'B' | 'C', string>> = { A: '5.15', B: '6.5', C: '6.7' };
