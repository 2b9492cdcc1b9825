// Points of interest on the timeline ("jump to the next …"): flushes by reason and FQ timer fires,
// collected from the trace the first time the live engine simulates a stretch of the run;
// interventions, from the scenario; the cliff, from the whole run's IOPS series.

import { runCliff } from '../sim/cliff.ts';
import type { Scenario } from '../sim/scenario.ts';
import { EV, REASON_FULL, type EvCode } from '../sim/trace.ts';
import type { Marker } from '../sim/view.ts';

/** At most this many markers of one kind are kept (a long run has one flush per ~ms per ring). */
export const MAX_MARKERS_PER_KIND = 20_000;

interface Rec extends Marker {
  /** Position (events processed) after the event that emitted it. */
  step: number;
}

export class MarkerLog {
  private recs: Rec[] = [];
  private readonly counts = new Map<Marker['kind'], number>();
  /** Some markers were left out (the cap was reached). */
  capped = false;

  /** A trace event emitted during the event that brings the run to position `step`. */
  onEvent(ev: EvCode, t: number, cpu: number, a0: number, step: number): void {
    if (ev === EV.flush_start) this.add(a0 === REASON_FULL ? 'flush_full' : 'flush_timeout', t, cpu, step);
    else if (ev === EV.timer_fire) this.add('timer_fire', t, cpu, step);
  }

  /** Forgets markers of events after position `step` (a fork rewrote what follows). */
  dropAfter(step: number): void {
    this.recs = this.recs.filter((r) => r.step <= step);
    this.counts.clear();
    for (const r of this.recs) this.counts.set(r.kind, (this.counts.get(r.kind) ?? 0) + 1);
  }

  clear(): void {
    this.recs = [];
    this.counts.clear();
    this.capped = false;
  }

  /** All markers in time order: the collected ones, the scenario's interventions and the cliff. */
  list(s: Scenario, verdictMarks: readonly Marker[]): Marker[] {
    const out: Marker[] = this.recs.map((r) => ({ t: r.t, kind: r.kind, cpu: r.cpu }));
    for (const x of s.interventions) out.push({ t: Math.round(x.atMs * 1e6), kind: 'intervention', cpu: -1 });
    out.push(...verdictMarks);
    return out.sort((a, b) => a.t - b.t || a.cpu - b.cpu);
  }

  private add(kind: Marker['kind'], t: number, cpu: number, step: number): void {
    const n = this.counts.get(kind) ?? 0;
    if (n >= MAX_MARKERS_PER_KIND) {
      this.capped = true;
      return;
    }
    this.counts.set(kind, n + 1);
    this.recs.push({ t, kind, cpu, step });
  }
}

/**
 * Where the cliff begins (ns), or null when the run has none: sim/cliff.ts's verdict for the whole
 * run, located in time. Only a 'cliff' verdict is marked here, so the page, the CLI summary and the
 * panel fixture say the same thing (a dip that recovered is not marked as a cliff).
 */
export function cliffMoment(ios: readonly number[], bucketNs: number, s: Scenario, dropThreshold = 0.3): number | null {
  const v = runCliff(ios, bucketNs, s, dropThreshold);
  return v.verdict === 'cliff' && v.atMs !== null ? Math.round(v.atMs * 1e6) : null;
}

