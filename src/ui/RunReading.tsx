// How to read the run's numbers (issue 18, "seeing what changed"): next to the results, what the
// model assumes in strict mode, what counter reuse changed, and how this run compares with the
// previous one (the chart keeps that run's level as a reference line). Pure text builders, tested in
// RunReading.test.ts; the component only lays them out.

import type { CounterReuseBound } from '../sim/counterReuseBound.ts';
import type { Summary } from '../sim/run.ts';
import { fmtInt, fmtPct, fmtSi } from './format.ts';

/** The previous finished run of another scenario, for comparison. */
export interface RunRef {
  iops: number;
  /** Its scenario in a few words ("strict, 16 CPUs"). */
  label: string;
  counterReuse: boolean;
  /** Same scenario as the one shown, but for counter reuse. */
  sameButReuse: boolean;
}

/** "lazy, kernel 6.12, 16 CPUs, counter reuse" */
export function runLabel(s: Summary): string {
  return `${s.mode}, kernel ${s.kernel}, ${s.cpus} CPUs${s.counterReuse ? ', counter reuse' : ''}`;
}

function waitShare(s: Summary, lock: string): number {
  const cpuNs = s.cpus * s.simulatedMs * 1e6;
  return cpuNs > 0 ? (s.lockWaitNs[lock] ?? 0) / cpuNs : 0;
}

/** Strict mode: the one assumption that sets its throughput, with its cost here. */
export function strictNote(s: Summary, invRangeNs: number): string | null {
  if (s.mode !== 'strict') return null;
  return (
    `Strict mode as modelled: every unmap waits for one range invalidation and sync (invRangeNs = ${fmtInt(invRangeNs)} ns, ` +
    `iommu_iotlb_sync after iommu_unmap_fast) on one IOMMU command queue shared by all ${s.cpus} CPUs, one unmap at a time. ` +
    `Here the CPUs spent ${fmtPct(waitShare(s, 'iommu_cmdq'))} of their time waiting for that queue (the IOMMU queue line of the ` +
    `throughput panel's wait track). Hardware that batches invalidations or has a queue per CPU would wait less.`
  );
}

/** A small fraction as a percentage with two significant digits: 0.000123 → "0.012 %". */
export function fmtSmallPct(x: number): string {
  if (x === 0) return '0 %';
  const p = x * 100;
  return `${Math.abs(p) >= 1 ? p.toFixed(1) : p.toPrecision(2)} %`;
}

/**
 * The bound of what counter reuse can save in this run (sim/counterReuseBound.ts) and John Garry's
 * +2.4 % beside it, with what docs/model.md found about it (issue 20, "Counter reuse, honestly").
 */
export function counterReuseBoundNote(b: CounterReuseBound): string {
  const per = Number.isFinite(b.iosPerSavedRead) ? `one per ${fmtInt(Math.round(b.iosPerSavedRead))} I/Os` : 'none';
  return (
    `What it can save at most here: ${fmtInt(b.savedReads)} reads ${b.counted ? 'saved' : 'it would save'} (${per}) × ${fmtInt(b.missNs)} ns ` +
    `if every one were a cache miss ÷ ${fmtInt(Math.round(b.cpuNsPerIo))} ns of CPU time per I/O = at most ${fmtSmallPct(b.bound)} of CPU time. ` +
    `John Garry reported +2.4 % for his storage test (Nov 2021, one run, no spread given); with a flush every ~255 unmaps this ` +
    `bound is a few hundredths of a percent, so a gain that size needs a flush on nearly every unmap or something else. ` +
    `The one behavioural channel, the timer leaving entries queued after its own flush to their owners, is ` +
    `freesByTimerAfterFlush = ${fmtInt(b.freesByTimerAfterFlush)} here; it is non-zero only when timeouts last milliseconds.`
  );
}

/** Counter reuse: reads saved, the IOPS change against the same run without it, and what to expect. */
export function counterReuseNote(s: Summary, prev: RunRef | null, bound?: CounterReuseBound): string | null {
  const compared = prev !== null && prev.sameButReuse && prev.counterReuse !== s.counterReuse;
  if (!s.counterReuse && !compared) return null;
  const withReuse = s.counterReuse ? s : null;
  const saved = withReuse ? withReuse.counterReads.finishSaved : 0;
  const reads = withReuse ? withReuse.counterReads.finish + saved : 0;
  const parts: string[] = [];
  if (withReuse) {
    parts.push(
      `Counter reuse (John Garry's atomic64_inc_return proposal) saved ${fmtInt(saved)} reads of fq_flush_finish_cnt` +
        (reads > 0 ? ` (${fmtPct(saved / reads)} of them)` : '') +
        '.',
    );
  }
  if (compared) {
    const on = s.counterReuse ? s.iops : prev.iops;
    const off = s.counterReuse ? prev.iops : s.iops;
    const change = off > 0 ? (on - off) / off : 0;
    parts.push(`IOPS with it ${fmtSi(on)}, without it ${fmtSi(off)}: ${change >= 0 ? '+' : ''}${(change * 100).toFixed(2)} %.`);
  } else {
    parts.push('Turn it off (the Counter reuse box) to see the IOPS change against the same run without it.');
  }
  parts.push(
    'A change near zero is the expected finding: a saved read is one load of a counter the CPU usually has cached, ' +
      'next to a whole-domain IOTLB flush it does not make cheaper.',
  );
  if (bound) parts.push(counterReuseBoundNote(bound));
  return parts.join(' ');
}

/** The previous run as the chart's reference, in words. */
export function referenceNote(s: Summary, prev: RunRef | null): string | null {
  if (!prev) return null;
  const ratio = prev.iops > 0 ? s.iops / prev.iops : 0;
  const how = ratio === 0 ? '' : ratio >= 1 ? ` (${ratio.toFixed(2)}× it)` : ` (${(ratio * 100).toFixed(0)} % of it)`;
  return `The dashed line is the previous run (${prev.label}): ${fmtSi(prev.iops)} IOPS; this run: ${fmtSi(s.iops)}${how}. Both share one IOPS scale.`;
}

export function RunReading({
  summary,
  prev,
  invRangeNs,
  reuseBound,
}: {
  summary: Summary;
  prev: RunRef | null;
  invRangeNs: number;
  /** counterReuseBound of this run (issue 20), shown with the counter-reuse reading. */
  reuseBound?: CounterReuseBound;
}) {
  const notes = [
    { id: 'reference', text: referenceNote(summary, prev) },
    { id: 'strict', text: strictNote(summary, invRangeNs) },
    { id: 'reuse', text: counterReuseNote(summary, prev, reuseBound) },
  ].filter((n): n is { id: string; text: string } => n.text !== null);
  if (notes.length === 0) return null;
  return (
    <ul className="run-reading" aria-label="How to read this run">
      {notes.map((n) => (
        <li key={n.id} data-testid={`reading-${n.id}`}>
          {n.text}
        </li>
      ))}
    </ul>
  );
}
