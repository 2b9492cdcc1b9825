// Pairs the imported maps and unmaps into a replay workload: one I/O per IOVA allocation, with the
// CPU and time of its map and of its unmap (docs/model.md "Replaying a real trace"). Pairing is by
// IOVA range, not by count: iommu_dma_map_sg maps a scatterlist into one IOVA allocation with one
// iommu_map per physically contiguous run (one iommu:map line each), and __iommu_dma_unmap frees
// it with one iommu_unmap (one iommu:unmap line) over the whole range. dma_unmap_sg prints no
// IOVA, so it pairs with its dma_map_sg by device and physical addresses. Deterministic: the
// result depends only on the ops, sorted by (time, line).

import type { ReplayInput } from '../sim/replay/feed.ts';
import type { TraceOp } from './importer.ts';

export interface ReplayIo {
  /** Line of the (first) map. */
  line: number;
  /** Line of the unmap; 0 while still live at the end of the trace. */
  unmapLine: number;
  mapNs: number;
  mapCpu: number;
  /** -1 while still live at the end. */
  unmapNs: number;
  unmapCpu: number;
  /** Bytes of IOVA space the allocation spans. */
  bytes: number;
  /** The trace's IOVA (the model allocates its own). */
  iova: number;
}

export interface ReplayWorkload {
  /** Highest CPU number seen + 1. */
  cpus: number;
  /** From the first used event to the last, ns (>= 1). */
  durationNs: number;
  /** Sorted by (mapNs, line). */
  ios: ReplayIo[];
}

export interface PairingReport {
  paired: number;
  liveAtEnd: number;
  unmatchedUnmaps: number;
  /** Maps whose IOVA was mapped again before any unmap was seen (a lost unmap, or a lost trace). */
  replaced: number;
  /** The first unmatched unmap lines, for the report. */
  unmatchedLines: number[];
  /** The first map lines still live at the end. */
  liveLines: number[];
}

const LISTED = 20;

interface Live {
  /** Index of its I/O in `ios` (the I/Os are created in map order, so no sort is needed). */
  idx: number;
  line: number;
  start: number;
  end: number;
}

export function buildReplay(input: readonly TraceOp[]): { workload: ReplayWorkload; pairing: PairingReport } {
  // A trace is nearly always in time order already (ftrace merges the CPUs' buffers by time):
  // sort only when it is not.
  let sorted = true;
  for (let i = 1; i < input.length && sorted; i++) sorted = input[i - 1].tNs <= input[i].tNs;
  const ops = sorted ? input : [...input].sort((a, b) => a.tNs - b.tNs || a.line - b.line);
  const t0 = ops.length ? ops[0].tNs : 0;
  const byStart = new Map<number, Live>();
  const bySg = new Map<string, Live[]>();
  /** One per map; chunks merged into an earlier one's I/O become null. */
  const ios: (ReplayIo | null)[] = [];
  const pairing: PairingReport = { paired: 0, liveAtEnd: 0, unmatchedUnmaps: 0, replaced: 0, unmatchedLines: [], liveLines: [] };
  let cpus = 0;
  /** The maps in `found` were one allocation, freed by `o`: the earliest map's I/O gets the unmap. */
  const close = (found: readonly Live[], o: TraceOp, bytes: number): void => {
    let first = found[0];
    let iova = first.start;
    for (const m of found) {
      if (m.idx < first.idx) first = m;
      if (m.start < iova) iova = m.start;
    }
    for (const m of found) if (m !== first) ios[m.idx] = null;
    const io = ios[first.idx]!;
    io.unmapLine = o.line;
    io.unmapNs = o.tNs - t0;
    io.unmapCpu = o.cpu;
    io.bytes = bytes;
    io.iova = iova;
  };
  for (const o of ops) {
    if (o.cpu >= cpus) cpus = o.cpu + 1;
    const op = o.op;
    if (op.kind === 'map') {
      let start = Infinity;
      let end = -Infinity;
      for (const [a, n] of op.chunks) {
        if (a < start) start = a;
        if (a + n > end) end = a + n;
      }
      const live: Live = { idx: ios.length, line: o.line, start, end };
      ios.push({ line: o.line, unmapLine: 0, mapNs: o.tNs - t0, mapCpu: o.cpu, unmapNs: -1, unmapCpu: -1, bytes: end - start, iova: start });
      if (op.sgKey !== undefined) {
        const q = bySg.get(op.sgKey);
        if (q) q.push(live);
        else bySg.set(op.sgKey, [live]);
        continue;
      }
      // An IOVA mapped again while live: the older map's unmap was lost; it stays never unmapped.
      if (byStart.has(start)) pairing.replaced++;
      byStart.set(start, live);
      continue;
    }
    // Unmap.
    if (op.sgKey !== undefined) {
      const m = bySg.get(op.sgKey)?.shift();
      if (m) {
        pairing.paired++;
        close([m], o, m.end - m.start);
      } else unmatched(pairing, o.line);
      continue;
    }
    const [a, size] = op.chunks[0];
    const found: Live[] = [];
    // Walk the live maps that start inside [a, a + size): each chunk starts where the one before
    // ends, or at the next 4 KiB boundary (iommu_dma_map_sg pads segments to the IOVA granule).
    let x = a;
    while (x < a + size) {
      const m = byStart.get(x) ?? byStart.get(Math.ceil(x / 4096) * 4096);
      if (!m || m.start >= a + size) break;
      found.push(m);
      byStart.delete(m.start);
      x = m.end;
    }
    if (found.length === 0) unmatched(pairing, o.line);
    else {
      pairing.paired++;
      close(found, o, Math.max(size, x - a));
    }
  }
  const rest = [...byStart.values(), ...[...bySg.values()].flat()].sort((p, q) => p.line - q.line);
  for (const m of rest) if (pairing.liveLines.length < LISTED) pairing.liveLines.push(m.line);
  pairing.liveAtEnd = rest.length;
  const last = ops.length ? ops[ops.length - 1].tNs - t0 : 0;
  return { workload: { cpus, durationNs: Math.max(1, last), ios: ios.filter((io): io is ReplayIo => io !== null) }, pairing };
}

function unmatched(p: PairingReport, line: number): void {
  p.unmatchedUnmaps++;
  if (p.unmatchedLines.length < LISTED) p.unmatchedLines.push(line);
}

/** The engine's replay input (sim/replay/feed.ts) from a replay workload, with its arrays. */
export function toReplayInput(w: ReplayWorkload): ReplayInput {
  const n = w.ios.length;
  const input: ReplayInput = { mapNs: new Float64Array(n), mapCpu: new Int32Array(n), bytes: new Float64Array(n), latencyNs: new Float64Array(n), unmapCpu: new Int32Array(n) };
  w.ios.forEach((io, i) => {
    input.mapNs[i] = io.mapNs;
    input.mapCpu[i] = io.mapCpu;
    input.bytes[i] = io.bytes;
    input.latencyNs[i] = io.unmapNs < 0 ? -1 : io.unmapNs - io.mapNs;
    input.unmapCpu[i] = io.unmapCpu;
  });
  return input;
}
