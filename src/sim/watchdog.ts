// The kernel's lockup detectors, as markers derived from simulated time (kernel/watchdog.c, with
// the default watchdog_thresh = 10 s). Nothing here is a trace event: the markers are computed from
// the sections the engine runs, so trace hashes are unchanged.
//
// - Soft lockup: watchdog_timer_fn, the per-CPU watchdog hrtimer (every 4 s: the threshold / 5),
//   calls is_softlockup(), which fires once the CPU has not run its stopper work (softlockup_fn,
//   which refreshes the touch timestamp) for get_softlockup_thresh() = 2 * watchdog_thresh = 20 s.
//   A CPU cannot schedule while it runs a softirq or holds a spinlock with IRQs off, so in the model
//   a soft lockup is an FQ timeout callback (fq_flush_timeout runs in TIMER_SOFTIRQ) or an IRQs-off
//   ring-lock section outside it lasting 20 s ("BUG: soft lockup - CPU#126 stuck for 23s!" in
//   Adrian Huang's report, 3710e2b056cb).
// - Hard lockup: watchdog_overflow_callback, the perf NMI that fires every watchdog_thresh seconds
//   of CPU cycles (since v6.5 it calls watchdog_hardlockup_check), reports a CPU whose hrtimer
//   interrupt count did not move since the previous NMI (is_hardlockup). Only a CPU that takes no
//   hrtimer interrupts, i.e. runs with IRQs off, for about 10 s trips it: in the model, an IRQs-off
//   ring-lock section (spin_lock_irqsave(&fq->lock)) of 10 s.
// A marker's time is the earliest moment the detector could fire: the section's start plus the
// threshold. The kernel notices at its next check, up to one sampling period later (4 s for the soft
// detector; the hard detector needs one whole NMI period inside the section, so it reports sections
// of 10-20 s only if they contain one). One marker per section, however long.

/** watchdog_thresh (seconds, default 10), in ns: the hard-lockup threshold. */
export const HARD_LOCKUP_NS = 10e9;
/** get_softlockup_thresh() = 2 * watchdog_thresh, in ns. */
export const SOFT_LOCKUP_NS = 20e9;
/** Most markers kept (counts go on). */
export const MAX_WATCHDOG_EVENTS = 1000;

export interface WatchdogEvent {
  kind: 'soft' | 'hard';
  /** When the detector could first fire (section start + threshold), ns. */
  t: number;
  cpu: number;
  /** When the section began, ns. */
  from: number;
}

export class Watchdog {
  soft = 0;
  hard = 0;
  /** Markers of closed sections, in the order they were found: kind (0 soft, 1 hard), t, cpu, from. */
  readonly log: number[] = [];
  /** When the FQ timeout callback running on each CPU began; -1 when none runs. */
  readonly softirqFrom: Float64Array;

  constructor(readonly cpus: number) {
    this.softirqFrom = new Float64Array(cpus).fill(-1);
  }

  /** fq_flush_timeout begins on `cpu` at t (TIMER_SOFTIRQ). */
  callbackStart(cpu: number, t: number): void {
    this.softirqFrom[cpu] = t;
  }

  /** fq_flush_timeout returns on `cpu` at t. */
  callbackEnd(cpu: number, t: number): void {
    const from = this.softirqFrom[cpu];
    this.softirqFrom[cpu] = -1;
    if (t - from >= SOFT_LOCKUP_NS) this.add(0, cpu, from);
  }

  /**
   * An IRQs-off section [from, to) ended on `cpu` (fq/ringLock.ts). Inside the timeout callback it
   * adds no soft lockup of its own: the callback's whole length is judged when it returns.
   */
  irqOffSection(cpu: number, from: number, to: number): void {
    const d = to - from;
    if (d < HARD_LOCKUP_NS) return;
    this.add(1, cpu, from);
    if (this.softirqFrom[cpu] < 0 && d >= SOFT_LOCKUP_NS) this.add(0, cpu, from);
  }

  /**
   * Every marker up to `now`, in time order: the closed sections' and those of sections still open
   * at `now` (`irqOffFrom`: Observe.irqOffFrom). Counts the same way as `counts`.
   */
  events(now: number, irqOffFrom: Float64Array): WatchdogEvent[] {
    const out: WatchdogEvent[] = [];
    for (let i = 0; i < this.log.length; i += 4) out.push(ev(this.log[i], this.log[i + 1], this.log[i + 2], this.log[i + 3]));
    this.forEachOpen(now, irqOffFrom, (kind, cpu, from) => out.push(ev(kind, from + (kind === 0 ? SOFT_LOCKUP_NS : HARD_LOCKUP_NS), cpu, from)));
    return out.sort((a, b) => a.t - b.t || a.cpu - b.cpu);
  }

  /** Soft and hard lockups up to `now`, including sections still open then. */
  counts(now: number, irqOffFrom: Float64Array): { soft: number; hard: number } {
    const c = { soft: this.soft, hard: this.hard };
    this.forEachOpen(now, irqOffFrom, (kind) => (kind === 0 ? c.soft++ : c.hard++));
    return c;
  }

  private forEachOpen(now: number, irqOffFrom: Float64Array, f: (kind: number, cpu: number, from: number) => void): void {
    for (let cpu = 0; cpu < this.cpus; cpu++) {
      const sf = this.softirqFrom[cpu];
      const irq = irqOffFrom[cpu];
      if (irq >= 0 && now - irq >= HARD_LOCKUP_NS) f(1, cpu, irq);
      if (sf >= 0 && now - sf >= SOFT_LOCKUP_NS) f(0, cpu, sf);
      else if (sf < 0 && irq >= 0 && now - irq >= SOFT_LOCKUP_NS) f(0, cpu, irq);
    }
  }

  private add(kind: number, cpu: number, from: number): void {
    if (kind === 0) this.soft++;
    else this.hard++;
    if (this.log.length < 4 * MAX_WATCHDOG_EVENTS) this.log.push(kind, from + (kind === 0 ? SOFT_LOCKUP_NS : HARD_LOCKUP_NS), cpu, from);
  }
}

function ev(kind: number, t: number, cpu: number, from: number): WatchdogEvent {
  return { kind: kind === 0 ? 'soft' : 'hard', t, cpu, from };
}
