// An imported trace as the page and the bundle hold it: the import report, the pairing, and the
// replay's I/Os as columns of typed arrays (a million-line trace is hundreds of thousands of I/Os:
// arrays cross postMessage by transfer, where as many objects would take the page's thread
// seconds to clone). `iova` keeps the trace's own IOVAs, shown beside the model's (the model
// allocates its own). Pure.

import type { ReplayInput } from '../sim/replay/feed.ts';
import type { ImportReport, ImportResult } from './importer.ts';
import { buildReplay, type PairingReport, toReplayInput } from './replay.ts';

/** The largest trace accepted: ~2.5 M event lines; the parsed operations take ~3x the file in memory. */
export const IMPORT_MAX_BYTES = 256 * 1024 * 1024;

/** Why a file with no usable event is refused: one message (the page's; the CLI adds its flag). */
export function noEventsMessage(name: string, r: ImportReport, device: string | null): string {
  const devs = Object.keys(r.devices);
  if (device !== null && devs.length > 0) return `device ${JSON.stringify(device)} has no map/unmap events in ${JSON.stringify(name)}; its devices: ${devs.slice(0, 20).join(', ')}`;
  return `${JSON.stringify(name)} holds no iommu map/unmap or dma map/unmap events (${r.lines} lines, ${r.rejectedCount} not trace lines); record with: trace-cmd record -e iommu -e dma`;
}

export interface ImportedTrace {
  /** The file's name. */
  name: string;
  /** The device filter applied (null: all devices). */
  device: string | null;
  report: ImportReport;
  pairing: PairingReport;
  /** Highest CPU number + 1 and the trace's length (ns), as in ReplayWorkload. */
  cpus: number;
  durationNs: number;
  replay: ReplayInput;
  /** The trace's IOVA of each I/O (same order as `replay`). */
  iova: Float64Array;
  /** The line of each I/O's (first) map. */
  line: Int32Array;
}

/** Pairs an import's operations into the replay's columns. */
export function toImported(name: string, device: string | null, result: ImportResult): ImportedTrace {
  const { workload, pairing } = buildReplay(result.ops);
  return {
    name,
    device,
    report: result.report,
    pairing,
    cpus: workload.cpus,
    durationNs: workload.durationNs,
    replay: toReplayInput(workload),
    iova: Float64Array.from(workload.ios, (io) => io.iova),
    line: Int32Array.from(workload.ios, (io) => io.line),
  };
}

/** The typed arrays' buffers, for postMessage's transfer list. */
export function importedTransfer(t: ImportedTrace): ArrayBuffer[] {
  const r = t.replay;
  return [r.mapNs, r.mapCpu, r.bytes, r.latencyNs, r.unmapCpu, t.iova, t.line].map((a) => a.buffer as ArrayBuffer);
}

/** The number of I/Os replayed. */
export const ioCount = (t: ImportedTrace): number => t.replay.mapNs.length;
