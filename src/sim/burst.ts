// The "NIC reconfiguration" intervention (Jakub Kicinski, 13 Jun 2023: "after a few NIC
// reconfigurations IOMMU starts consuming 90+% of CPU time"): one CPU maps a burst of long-lived
// buffers (new rings) and unmaps them all later on the same CPU. What matters for the allocator is
// where those IOVAs sit while they live (they take space below the 32-bit boundary when the PCI
// SAC attempt is on and move the hints) and that their release lands in one CPU's rcache, the
// depot and, past the depot's capacity, the rbtree.
//
// One allocation or free per event, each at the time the previous one ended, so other CPUs'
// allocator operations interleave with the burst as they would in the kernel. The burst's CPU time
// outside the allocator (page tables, the driver) is not charged to that CPU's executor: it runs
// beside the CPU's jobs, like a reconfiguration in process context on a CPU that also completes
// I/O. Its allocator operations are not traced (no CPU job emits them); the lock holds they cause
// are in the lock statistics. The frees go straight to free_iova_fast (as dma_free_coherent does
// in every mode; a lazy unmap would first wait in the flush queue).

import type { EngineHost } from './host.ts';
import { allocIova } from './io.ts';
import type { Intervention, Scenario } from './scenario.ts';

type Burst = Extract<Intervention, { kind: 'burst' }>;

/** Engine event kinds of the burst's steps (engine.ts dispatches them here). */
export const K_BURST_MAP = 8;
export const K_BURST_FREE = 9;

export type { BurstState } from './host.ts';

/** IOVA length in granules of a transfer of `pages` 4 KiB units. */
export function granulesOf(s: Scenario, pages: number): number {
  return Math.ceil(pages / ((s.granuleKiB ?? 4) / 4));
}

/** Intervention `i` (a burst) starts at t. */
export function burstStart(e: EngineHost, i: number, t: number): void {
  e.bursts[i] = { pfns: [], tried: 0 };
  burstMapStep(e, i, t);
}

/** One allocation of burst `i` at t; then the next one, or the release after the hold. */
export function burstMapStep(e: EngineHost, i: number, t: number): void {
  const x = e.s.interventions[i] as Burst;
  const b = e.bursts[i]!;
  const end = offTrace(e, x.cpu, () => {
    const pfn = allocIova(e, x.cpu, t, granulesOf(e.s, x.pages));
    if (pfn !== 0) b.pfns.push(pfn);
    else e.metrics.mapFailures++;
    return e.alloc.lastEnd;
  });
  if (++b.tried < x.count) e.q.push(end, K_BURST_MAP, x.cpu, i);
  else if (b.pfns.length > 0) e.q.push(Math.max(end, Math.round((x.atMs + x.holdMs) * 1e6)), K_BURST_FREE, x.cpu, i);
}

/** One free of burst `i` at t (newest first, as a ring teardown walks back); then the next. */
export function burstFreeStep(e: EngineHost, i: number, t: number): void {
  const x = e.s.interventions[i] as Burst;
  const b = e.bursts[i]!;
  const pfn = b.pfns.pop()!;
  const end = offTrace(e, x.cpu, () => e.alloc.free(x.cpu, t, pfn, granulesOf(e.s, x.pages)));
  if (b.pfns.length > 0) e.q.push(end, K_BURST_FREE, x.cpu, i);
}

/** Runs `f` as allocator work on `cpu` with the allocator's trace muted. */
export function offTrace(e: EngineHost, cpu: number, f: () => number): number {
  const gate = e.allocTrace!;
  gate.on = false;
  e.locks.cpu = cpu;
  try {
    return f();
  } finally {
    gate.on = true;
  }
}
