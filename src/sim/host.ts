// What the engine's step functions outside the flush queue read and write of the engine: the I/O
// path (io.ts: submit, the IOVA allocation with the 32-bit-first attempt), the aged start state
// (aged.ts), burst interventions (burst.ts), the replay feed (replay/feed.ts) and the engine's
// services to the allocator and the ring locks (engineEnv.ts). It extends the flush-queue steps'
// host (fq/host.ts). `Engine` implements it; those files import only this type, so none of them
// imports engine.ts and the engine has no import cycle (issue 13). A leaf: type imports of modules
// that import neither the engine nor the steps. The steps still receive the Engine object itself,
// so property access stays monomorphic (a type-only change: the bundle is the same code).

import type { EventQueue } from './eventQueue.ts';
import type { FqHost } from './fq/host.ts';
import type { GatedTrace } from './gatedTrace.ts';
import type { SacStats } from './kernel/sacStats.ts';
import type { ReplayFeed } from './replay/feedState.ts';
import type { Mode, Resolved } from './scenario.ts';
import type { Workload } from './workload.ts';

/** A burst intervention's state (burst.ts): the IOVAs it holds and how many allocations it has tried. */
export interface BurstState {
  pfns: number[];
  tried: number;
}

export interface EngineHost extends FqHost {
  readonly r: Resolved;
  readonly q: EventQueue;
  readonly workload: Workload;
  /** The mode in force now (a mode intervention changes it). */
  mode: Mode;
  /** fq_domain != NULL: unmaps are queued (lazy). */
  fqDomain: boolean;
  /** The replayed trace's I/Os, or null for the scenario's own workload. */
  readonly replay: ReplayFeed | null;
  /** The allocator's gated trace (aged start state, bursts), or null. */
  readonly allocTrace: GatedTrace | null;
  readonly bursts: (BurstState | undefined)[];

  // The 32-bit-first (SAC) attempt: dev->iommu->pci_32bit_workaround and the version's rule.
  pci_32bit_workaround: boolean;
  readonly sacStopsAfterFailure: boolean;
  readonly sac: SacStats;

  // Per CPU: its list of free I/O slots
  readonly freeIoHead: Int32Array;

  // Per I/O slot
  readonly ioNext: Int32Array;
  readonly ioIommu: Uint8Array;
  /** The slots' records (ioSlots.ts). */
  readonly ioRec: Float64Array;
  mapSeq: number;

  /** The device completes `io` on `cpu` at t. */
  scheduleIoDone(cpu: number, io: number, t: number): void;
  /** Depot list (v6.7+): the delayed depot reclaim work for class `cls` runs at t. */
  scheduleReclaim(cls: number, t: number): void;
  /** `cpu` has work again at t (a replay arrival). */
  wake(cpu: number, t: number): void;
}
