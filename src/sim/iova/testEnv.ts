// Test helpers for the IOVA allocator: a tiny AllocEnv (real Locks and DEFAULT_COSTS, a recording
// TraceSink, a queue for depot-list reclaim requests) and shortcuts used by several test files.
// Not a test file itself (no `.test.ts`), and not used by production code.

import type { Costs } from '../costs.ts';
import { DEFAULT_COSTS } from '../costs.ts';
import { kernelRules, type KernelRules } from '../kernel/versions.ts';
import { Locks } from '../locks.ts';
import type { EvCode, TraceEvent, TraceSink } from '../trace.ts';
import { decode, TraceRecorder } from '../trace.ts';
import type { KernelIovaAllocator } from './allocator.ts';
import { createAllocator } from './allocator.ts';
import { IOVA_DEPOT_DELAY_NS, MAX_GLOBAL_MAGS } from './depot.ts';
import type { AllocEnv, AllocatorOptions } from './types.ts';

/** dma_32bit_pfn with a 4 KiB granule. */
export const DMA32 = 2 ** 20;
/** A 48-bit DMA limit in 4 KiB pfns. */
export const LIMIT48 = 2 ** 36 - 1;
/** The 32-bit limit as the DMA API passes it (highest pfn). */
export const LIMIT32 = DMA32 - 1;

/**
 * Records events in emit order, as the allocator produced them (tests call the allocator with
 * arbitrary times, so the engine's time-ordering recorder does not apply), and fingerprints them.
 */
export class ListSink implements TraceSink {
  readonly events: TraceEvent[] = [];
  private readonly fp = new TraceRecorder();
  emit(ev: EvCode, t: number, cpu: number, a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0): void {
    this.events.push(decode(ev, t, cpu, [a0, a1, a2, a3, a4, a5]));
    this.fp.emit(ev, t, cpu, a0, a1, a2, a3, a4, a5);
  }
  hash(): string {
    return this.fp.hash();
  }
}

export interface TestEnv extends AllocEnv {
  readonly recorder: ListSink;
  /** Reclaim requests (v6.7+ depot list) in request order; `runReclaims` consumes them. */
  readonly reclaims: { cls: number; t: number }[];
  /** Every reclaim request ever made. */
  readonly reclaimLog: { cls: number; t: number }[];
}

export function makeEnv(cpus = 4, costs: Costs = DEFAULT_COSTS): TestEnv {
  const reclaims: { cls: number; t: number }[] = [];
  const reclaimLog: { cls: number; t: number }[] = [];
  const recorder = new ListSink();
  return {
    cpus,
    costs,
    locks: new Locks(costs),
    trace: recorder,
    recorder,
    reclaims,
    reclaimLog,
    scheduleReclaim(cls: number, t: number) {
      reclaims.push({ cls, t });
      reclaimLog.push({ cls, t });
    },
  };
}

export interface Setup {
  env: TestEnv;
  a: KernelIovaAllocator;
  opts: AllocatorOptions;
}

/**
 * An allocator on a fresh env; defaults: kernel 6.5 (the old era B), M = 128, 32-magazine depot,
 * 4 KiB granule. `kernel` picks a version's rules; `rules` overrides single rules on top of it.
 */
export function setup(
  o: Partial<Omit<AllocatorOptions, 'rules'>> & { cpus?: number; costs?: Costs; kernel?: string; rules?: Partial<KernelRules> } = {},
): Setup {
  const env = makeEnv(o.cpus ?? 4, o.costs ?? DEFAULT_COSTS);
  const base = kernelRules(o.kernel ?? '6.5');
  if (!base) throw new Error(`setup: unknown kernel ${o.kernel}`);
  const opts: AllocatorOptions = {
    rules: { ...base, ...o.rules },
    magSize: o.magSize ?? 128,
    depotMax: o.depotMax ?? MAX_GLOBAL_MAGS,
    reclaimDelayNs: o.reclaimDelayNs ?? IOVA_DEPOT_DELAY_NS,
    startPfn: o.startPfn ?? 1,
    dma32Pfn: o.dma32Pfn ?? DMA32,
    maxMagazines: o.maxMagazines,
  };
  return { env, a: createAllocator(env, opts), opts };
}

/** Recorded events named `ev`. */
export function events(env: TestEnv, ev: string): TraceEvent[] {
  return env.recorder.events.filter((e) => e.ev === ev);
}

/** Allocates `n` IOVAs of `len` granules on `cpu` (limit 48-bit unless given); throws on failure. */
export function allocMany(a: KernelIovaAllocator, n: number, len = 1, cpu = 0, limit = LIMIT48): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const pfn = a.alloc(cpu, 0, len, limit, true);
    if (pfn === 0) throw new Error(`allocation ${i} failed`);
    out.push(pfn);
  }
  return out;
}

/** Runs pending depot-list (v6.7+) reclaims due at or before `until`, in time order (ties: request order). */
export function runReclaims(s: Setup, until: number): number {
  let ran = 0;
  for (;;) {
    let best = -1;
    for (let i = 0; i < s.env.reclaims.length; i++) {
      if (s.env.reclaims[i].t <= until && (best < 0 || s.env.reclaims[i].t < s.env.reclaims[best].t)) best = i;
    }
    if (best < 0) return ran;
    const r = s.env.reclaims.splice(best, 1)[0];
    s.a.reclaim(r.cls, r.t);
    ran++;
  }
}

/** Total cached pfns (per-CPU + depot), optionally of one class. */
export function cachedCount(a: KernelIovaAllocator, cls = -1): number {
  let n = 0;
  a.forEachCachedPfn((_p, c) => {
    if (cls < 0 || c === cls) n++;
  });
  return n;
}
