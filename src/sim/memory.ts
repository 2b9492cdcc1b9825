// How much memory the page's run of a scenario needs, estimated before running (issue 14: a scenario
// the engine cannot finish in reasonable memory is refused up front, with the estimate).
//
// Run length does not grow memory: the series is capped at MAX_BUCKETS buckets, markers and spans
// are capped, and History thins its checkpoints to a byte budget (256 MiB). What grows is the
// engine's own state, and that is dominated by the flush-queue rings: every CPU's ring (one ring
// with queue "single") is fqSize slots of typed arrays (pfn, counter, addedAt: 8 bytes; pages:
// 4 bytes — src/sim/fq/ring.ts), and a full ring holds one allocated IOVA per slot (the rbtree
// node and its range) until the flush frees it (fq_flush_iotlb → iommu_dma_free_iova in the
// kernel's fq_ring_free). Constants measured on the engine (the typed-array bytes deepCloneWithSize
// reports for a History checkpoint, default preset): ~290 kB fixed, ~14 kB per CPU beyond its ring,
// 28 bytes per ring slot, and ~40 bytes per IOVA a filled ring holds (a 4-CPU, 16384-slot lazy run
// with a 10 s timeout grew 2.4 MB by 60 ms). Plain JS objects are not counted, so the estimate errs
// low, never refusing a run that would fit.
//
// The page holds more than one engine: the live one, at least two checkpoints (History keeps step 0
// and one more whatever the budget; below the budget, up to the budget), the clone being taken,
// and the current view's ring arrays in the worker and again on the page.

import { resolve, type Scenario } from './scenario.ts';

const FIXED_BYTES = 290_000;
const PER_CPU_BYTES = 14_200;
const PER_SLOT_BYTES = 28;
const PER_HELD_IOVA_BYTES = 40;
/** History's default checkpoint budget (src/sim/history.ts). */
const CHECKPOINT_BUDGET = 256 * 2 ** 20;

/**
 * The most the page lets a run take. Typed arrays live outside the JS heap's limit, so going past
 * this does not throw: the browser kills the tab (Chromium's renderer limit is a few GiB, and the
 * lab is meant to run on a student laptop beside other tabs). 1 GiB still allows, e.g., 512 CPUs
 * with 4096-slot rings in lazy mode (16 times the default ring), or 32 CPUs with the largest (65536).
 */
export const PAGE_MEMORY_LIMIT = 2 ** 30;

export interface MemoryEstimate {
  /** One engine, rings full. */
  engineBytes: number;
  /** The page's peak: engines, checkpoints and views together. */
  peakBytes: number;
  ringSlots: number;
}

export function estimateMemory(s: Scenario): MemoryEstimate {
  const r = resolve(s);
  // The rings exist in every mode (Engine's createRings); only lazy mode fills them.
  const ringSlots = r.nrings * r.fqSize;
  const held = s.mode === 'lazy' ? ringSlots : 0;
  const engineBytes = FIXED_BYTES + s.cpus * PER_CPU_BYTES + ringSlots * PER_SLOT_BYTES + held * PER_HELD_IOVA_BYTES;
  const views = 2 * ringSlots * PER_SLOT_BYTES;
  const peakBytes = 2 * engineBytes + Math.max(2 * engineBytes, CHECKPOINT_BUDGET) + views;
  return { engineBytes, peakBytes, ringSlots };
}

const gib = (b: number): string => `${(b / 2 ** 30).toFixed(1)} GiB`;

/**
 * Why the page will not run this scenario, naming the keys to change, or null when it fits.
 * `keys` are the names the message uses (URL keys, or the form's labels).
 */
export function memoryRefusal(s: Scenario, keys: { cpus: string; fqSize: string } = { cpus: 'cpus', fqSize: 'fq' }): string | null {
  const e = estimateMemory(s);
  if (e.peakBytes <= PAGE_MEMORY_LIMIT) return null;
  const nrings = resolve(s).nrings;
  const rings = nrings === 1 ? 'one ring' : `${nrings} rings`;
  return (
    `${keys.fqSize} × ${keys.cpus}: ${rings} of ${resolve(s).fqSize} slots would need an estimated ${gib(e.peakBytes)} ` +
    `(${gib(e.engineBytes)} per engine state, kept live and as checkpoints), over the page's ${gib(PAGE_MEMORY_LIMIT)}; ` +
    `not run: lower ${keys.fqSize} or ${keys.cpus}`
  );
}
