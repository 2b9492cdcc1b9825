// The import report as text (CLI stderr; later the page): what was used, what was set aside and
// why, which lines were refused, how the maps and unmaps paired. Pure.

import type { ImportReport } from './importer.ts';
import type { PairingReport, ReplayWorkload } from './replay.ts';

const LISTED_REJECTS = 20;

/** How many map/unmap lines the report counts as used. */
export const usedCount = (r: ImportReport): number => Object.values(r.used).reduce((a, b) => a + b, 0);

/** What the replay line says of the workload (a ReplayWorkload, or an ImportedTrace's columns). */
export type ReplayShape = Pick<ReplayWorkload, 'cpus' | 'durationNs'> & { ios: ArrayLike<unknown> };

export function formatReport(r: ImportReport, p?: PairingReport, w?: ReplayShape): string[] {
  const out: string[] = [];
  const skipped = Object.values(r.skipped).reduce((a, b) => a + b, 0);
  out.push(`import: ${r.lines} lines: ${usedCount(r)} used, ${skipped} skipped, ${r.rejectedCount} rejected`);
  for (const [k, n] of Object.entries(r.used).sort()) out.push(`  used     ${n}\t${k}`);
  for (const [k, n] of Object.entries(r.skipped).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) out.push(`  skipped  ${n}\t${k}`);
  for (const x of r.rejected.slice(0, LISTED_REJECTS)) out.push(`  rejected line ${x.line}: ${x.reason}`);
  if (r.rejectedCount > LISTED_REJECTS) out.push(`  … and ${r.rejectedCount - LISTED_REJECTS} more rejected lines`);
  if (r.outOfOrder) out.push(`  note: ${r.outOfOrder} used lines are earlier than the line before them (first: line ${r.firstOutOfOrderLine}); the replay sorts by time`);
  const devs = Object.entries(r.devices ?? {});
  if (devs.length > 1) out.push(`  devices: ${devs.map(([d, n]) => `${d} (${n})`).join(', ')}`);
  if (r.truncatedSg) out.push(`  note: ${r.truncatedSg} dma_map_sg lines were [TRUNCATED] by the kernel (over 128 entries); their IOVA span is what was printed`);
  if (p && w) {
    out.push(`replay: ${w.ios.length} I/Os on ${w.cpus} CPUs over ${(w.durationNs / 1e6).toFixed(3)} ms: ${p.paired} unmaps paired with their maps`);
    if (p.unmatchedUnmaps) out.push(`  ${p.unmatchedUnmaps} unmaps match no map seen (mapped before the trace began, or lost); lines ${p.unmatchedLines.join(', ')}${p.unmatchedUnmaps > p.unmatchedLines.length ? ', …' : ''}`);
    if (p.liveAtEnd) out.push(`  ${p.liveAtEnd} maps still live at the end; lines ${p.liveLines.join(', ')}${p.liveAtEnd > p.liveLines.length ? ', …' : ''}`);
    if (p.replaced) out.push(`  ${p.replaced} maps were mapped again at the same IOVA before an unmap was seen (an unmap lost?); counted as never unmapped`);
  }
  return out;
}
