// Counters of the PCI 32-bit-first ("SAC") attempts in iommu_dma_alloc_iova, for the summary's `sac`
// (README "Command line"). John Garry measured ~20 % of allocations retried, < 1 % of the retries
// succeeding (Mar 2021, docs/model.md): `retries` and `successes` are those two numbers here.

export interface SacStats {
  /** 32-bit-first allocations tried (alloc_iova_fast with the 32-bit limit). */
  attempts: number;
  /** Attempts that found no 32-bit IOVA (the 64-bit allocation follows). */
  failures: number;
  /** Attempts whose rbtree walk failed its first pass and walked again (the retry of the version). */
  retries: number;
  /** Retries whose second pass found a gap. */
  successes: number;
}

export function newSacStats(): SacStats {
  return { attempts: 0, failures: 0, retries: 0, successes: 0 };
}
