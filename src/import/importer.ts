// Streaming import of ftrace / trace-cmd text: feed lines one at a time (push), then finish().
// Nothing is dropped silently: every line is used, skipped (counted by reason) or rejected (line
// number and reason). Pure and deterministic; the CLI and (later) the page's worker feed it.

import { parseLine } from './ftraceLine.ts';
import { type MapOp, parsePayload } from './payload.ts';

/** A used map or unmap, in file order. tNs counts from the first event line's second. */
export interface TraceOp {
  line: number;
  tNs: number;
  cpu: number;
  event: string;
  op: MapOp;
}

export interface Rejected {
  line: number;
  reason: string;
}

export interface ImportReport {
  lines: number;
  /** Used lines per event (e.g. "dma:dma_map_page"). */
  used: Record<string, number>;
  /** Skipped lines per reason. */
  skipped: Record<string, number>;
  /** Rejected lines, in order, the first MAX_LISTED; rejectedCount counts all. */
  rejected: Rejected[];
  rejectedCount: number;
  /** Used lines whose time is earlier than the used line before them (the replay sorts by time). */
  outOfOrder: number;
  firstOutOfOrderLine: number;
  /** dma_map_sg lines marked [TRUNCATED] (more than 128 entries; the rest are not in the trace). */
  truncatedSg: number;
  /**
   * Map / unmap lines per device name (the dma events' first word, the iommu events' `dev=`), all
   * devices, before the device filter: what the page's device picker and `--device` choose from.
   */
  devices: Record<string, number>;
}

export interface ImportResult {
  report: ImportReport;
  ops: TraceOp[];
}

/** How many rejected lines (and distinct skip reasons) are listed; all are counted. */
export const MAX_LISTED = 10000;
const MAX_REASONS = 200;

export class TraceImporter {
  private n = 0;
  private baseSecs: number | undefined;
  private lastT = -Infinity;
  private readonly ops: TraceOp[] = [];
  /** A Map, not an object: a device could be named "__proto__". */
  private readonly devs = new Map<string, number>();
  private readonly r: ImportReport = { lines: 0, used: {}, skipped: {}, rejected: [], rejectedCount: 0, outOfOrder: 0, firstOutOfOrderLine: 0, truncatedSg: 0, devices: {} };

  /**
   * `device`: keep only the map / unmap events of that device (the page's device picker, the CLI's
   * `--device`); the others are skipped, counted per device. Events that name no device (iommu
   * map/unmap without `dev=`) cannot be attributed and are skipped too.
   */
  constructor(
    private readonly maxCpu = 511,
    private readonly device?: string,
  ) {}

  private skip(reason: string): void {
    const s = this.r.skipped;
    const key = reason in s || Object.keys(s).length < MAX_REASONS ? reason : 'other events (too many distinct names to list)';
    s[key] = (s[key] ?? 0) + 1;
  }

  private reject(line: number, reason: string): void {
    if (this.r.rejected.length < MAX_LISTED) this.r.rejected.push({ line, reason });
    this.r.rejectedCount++;
  }

  /** One line of the file, without its newline. */
  push(raw: string): void {
    const line = ++this.n;
    // A UTF-8 byte-order mark before the first line is an editor's, not the trace's.
    const text = line === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    const h = parseLine(text, this.maxCpu);
    if (h.kind === 'skip') return this.skip(h.reason);
    if (h.kind === 'reject') return this.reject(line, h.reason);
    const p = parsePayload(h.system, h.event, h.payload);
    if (p.kind === 'skip') return this.skip(p.reason);
    if (p.kind === 'reject') return this.reject(line, p.reason);
    const dev = p.op.dev;
    if (dev !== '' && (this.devs.has(dev) || this.devs.size < MAX_REASONS)) this.devs.set(dev, (this.devs.get(dev) ?? 0) + 1);
    if (this.device !== undefined && dev !== this.device) return this.skip(dev === '' ? `${p.op.source}:${h.event} naming no device (device filter)` : `device ${dev} (device filter)`);
    this.baseSecs ??= h.secs;
    const tNs = (h.secs - this.baseSecs) * 1e9 + h.ns;
    if (!Number.isSafeInteger(tNs)) return this.reject(line, `time ${h.secs}s is too far from the first event's (${this.baseSecs}s)`);
    if (tNs < this.lastT) {
      if (this.r.outOfOrder++ === 0) this.r.firstOutOfOrderLine = line;
    }
    this.lastT = tNs;
    const name = `${p.op.source}:${h.event}`;
    this.r.used[name] = (this.r.used[name] ?? 0) + 1;
    if (p.op.truncated) this.r.truncatedSg++;
    this.ops.push({ line, tNs, cpu: h.cpu, event: name, op: p.op });
  }

  /**
   * The report and the used operations. When a trace holds both systems, the iommu map/unmap
   * lines describe the same mappings as the dma lines (iommu_dma_map_page calls iommu_map), so the
   * iommu ones move to skipped rather than counting each mapping twice.
   */
  finish(): ImportResult {
    this.r.lines = this.n;
    this.r.devices = Object.fromEntries([...this.devs].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
    let ops = this.ops;
    if (ops.some((o) => o.op.source === 'dma') && ops.some((o) => o.op.source === 'iommu')) {
      ops = ops.filter((o) => o.op.source === 'dma');
      for (const k of Object.keys(this.r.used)) {
        if (!k.startsWith('iommu:')) continue;
        const reason = `${k} while dma events are present (the same mappings, counted once from the dma events)`;
        this.r.skipped[reason] = (this.r.skipped[reason] ?? 0) + this.r.used[k];
        delete this.r.used[k];
      }
    }
    return { report: this.r, ops };
  }
}

/** Imports a whole text at once (tests, small files); large files go through push line by line. */
export function importText(text: string, maxCpu?: number, device?: string): ImportResult {
  const imp = new TraceImporter(maxCpu, device);
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  for (const l of lines) imp.push(l);
  return imp.finish();
}
