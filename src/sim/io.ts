// The DMA API paths one I/O takes (docs/kernel.md §2, §4):
//   submit  : iommu_dma_alloc_iova (PCI 32-bit-first, then alloc_iova_fast) + iommu_map, then the
//             device starts and its first access fills the IOTLB;
//   unmap   : __iommu_dma_unmap: iommu_unmap_fast clears the PTEs, then
//             strict -> iommu_iotlb_sync (range invalidation through the IOMMU queue) + free_iova_fast,
//             lazy   -> queue_iova (fq/queueIova.ts),
//             identity (passthrough) -> nothing to do.

import type { EngineHost } from './host.ts';
import { queueIova } from './fq/queueIova.ts';
import { IO_KEY, IO_MAP_NS, IO_PAGES, IO_PFN, IO_REC, IO_SUBMIT_AT, IO_UNMAP_AT } from './ioSlots.ts';
import { RETRY_NONE, RETRY_OK, sizeClass } from './iova/types.ts';
import { LOCK_IOMMU } from './locks.ts';
import { PH_STRICT_SYNC } from './phases.ts';
import { replayMapped } from './replay/feed.ts';
import { EV } from './trace.ts';

/** `cpu` submits a new I/O in slot `io` at t. */
export function submit(e: EngineHost, cpu: number, t: number, io: number): void {
  const c = e.costs;
  const rec = e.ioRec;
  const j = io * IO_REC;
  rec[j + IO_SUBMIT_AT] = t;
  t += c.ioSubmitNs;
  const replay = e.replay;
  const pages = replay === null ? e.workload.pickPages() : replay.pages[io];
  const t0 = t;
  if (e.mode === 'passthrough') {
    e.ioIommu[io] = 0;
  } else {
    const ta = t;
    const pfn = allocIova(e, cpu, t, pages);
    t = e.alloc.lastEnd;
    e.obs.alloc(cpu, ta, t); // iommu_dma_alloc_iova: both attempts, with their lock waits
    if (pfn === 0) return mapFailed(e, cpu, t, io);
    e.trace.emit(EV.map, t, cpu, pfn, pages, sizeClass(pages), e.alloc.lastSrc);
    e.ioIommu[io] = 1;
    rec[j + IO_PFN] = pfn;
    rec[j + IO_PAGES] = pages;
    const key = ++e.mapSeq;
    rec[j + IO_KEY] = key;
    t += c.ptMapNs + pages * c.ptPerPageNs;
    e.iotlb.access(io, key, t);
  }
  rec[j + IO_MAP_NS] = t - t0;
  if (replay !== null) replayMapped(e, replay, io, t);
  else e.scheduleIoDone(e.workload.completionCpu(cpu), io, e.workload.completionAt(cpu, t, e.workload.lastBytes));
  e.cpuFree(cpu, t);
}

/** IOVA space exhausted at t: the I/O is not issued; the slot returns and is retried later. */
function mapFailed(e: EngineHost, cpu: number, t: number, io: number): void {
  e.metrics.mapFailures++;
  if (e.replay !== null && e.freeIoHead[cpu] < 0) e.replay.tail[cpu] = io;
  e.ioNext[io] = e.freeIoHead[cpu];
  e.freeIoHead[cpu] = io;
  e.cpuFree(cpu, t + e.costs.ioCompleteNs);
}

/**
 * iommu_dma_alloc_iova on `cpu` from t: the PCI 32-bit-first attempt, then the full range (which
 * may flush the rcaches on failure). Returns the pfn or 0; the CPU is done at e.alloc.lastEnd.
 * Also used by the burst intervention (burst.ts) and the aged start state (aged.ts).
 */
export function allocIova(e: EngineHost, cpu: number, t: number, pages: number): number {
  // The 32-bit-first attempt lives in its own function so this one, on every map, stays small
  // enough to inline (the engine's speed floor, docs/benchmarks.md).
  if (e.pci_32bit_workaround && e.r.limitPfn >= e.r.dma32Pfn) return allocIovaSac(e, cpu, t, pages);
  return e.alloc.alloc(cpu, t, pages, e.r.limitPfn, true);
}

/** allocIova with dev->iommu->pci_32bit_workaround set: below 4 GiB first, then the full range. */
function allocIovaSac(e: EngineHost, cpu: number, t: number, pages: number): number {
  // SAC trick (iommu_dma_alloc_iova): below 4 GiB first, without flushing the rcaches on failure
  // (fact 34).
  let pfn = e.alloc.alloc(cpu, t, pages, e.r.dma32Pfn - 1, false);
  t = e.alloc.lastEnd;
  const sac = e.sac;
  sac.attempts++;
  const retry = e.alloc.lastRetry;
  if (retry !== RETRY_NONE) {
    sac.retries++;
    if (retry === RETRY_OK) sac.successes++;
  }
  if (pfn === 0) {
    sac.failures++;
    // From 791c2b17fb40 (v6.6) the device stops trying after its first failure.
    if (e.sacStopsAfterFailure) e.pci_32bit_workaround = false;
    pfn = e.alloc.alloc(cpu, t, pages, e.r.limitPfn, true);
  }
  return pfn;
}

/** `cpu` handles the completion of I/O `io` at t and unmaps it. */
export function unmapStart(e: EngineHost, cpu: number, t: number, io: number): void {
  const c = e.costs;
  t += c.ioCompleteNs;
  const rec = e.ioRec;
  const j = io * IO_REC;
  rec[j + IO_UNMAP_AT] = t;
  if (!e.ioIommu[io]) return e.unmapReturned(cpu, io, t);
  const pages = rec[j + IO_PAGES];
  e.trace.emit(EV.unmap, t, cpu, rec[j + IO_PFN], pages);
  e.iotlb.unmapped(io, rec[j + IO_KEY], t);
  t += c.ptUnmapNs + pages * c.ptPerPageNs;
  // gather.queued = (fq_domain != NULL), read once per unmap
  if (e.fqDomain) return queueIova(e, cpu, t, io);
  e.cpuIo[cpu] = io;
  e.phase[cpu] = PH_STRICT_SYNC;
  e.resumeAt(cpu, e.locks.section(LOCK_IOMMU, t, c.invRangeNs));
}

/** Resumed in PH_STRICT_SYNC: the range invalidation completed; free the IOVA at once. */
export function strictSynced(e: EngineHost, cpu: number, t: number): void {
  const io = e.cpuIo[cpu];
  const rec = e.ioRec;
  const j = io * IO_REC;
  const pfn = rec[j + IO_PFN];
  const pages = rec[j + IO_PAGES];
  e.iotlb.invalidateRange(io, rec[j + IO_KEY], t);
  e.trace.emit(EV.iotlb_sync, t, cpu, pfn, pages);
  const tf = t;
  t = e.alloc.free(cpu, t, pfn, pages);
  e.obs.alloc(cpu, tf, t);
  e.unmapReturned(cpu, io, t);
}
