// Small scenarios for engine tests, a fast-check arbitrary of random small valid scenarios, and a
// run-and-check shortcut. Runs are kept small (a few ms simulated, well under ~50k events) so
// property tests stay fast. Not a test file and not used by production code.

import fc from 'fast-check';
import { applyOverrides, type PresetOverrides } from '../presets.ts';
import { runScenario, type Summary } from '../run.ts';
import { cloneScenario, DEFAULT_SCENARIO, type Intervention, type Scenario } from '../scenario.ts';
import type { TraceEvent } from '../trace.ts';
import { validateScenario } from '../validate.ts';
import { analyzeTrace, checkSummaryAgainstTrace, type TraceCheckOptions, type TraceStats } from './traceInvariants.ts';

/** DEFAULT_SCENARIO shrunk to 2 CPUs, qd 4, 16-slot rings, 5 ms, then `o` applied. */
export function smallScenario(o: PresetOverrides = {}): Scenario {
  const s = cloneScenario(DEFAULT_SCENARIO);
  applyOverrides(s, { cpus: 2, fqSize: 16, durationMs: 5, workload: { qd: 4 } });
  return applyOverrides(s, o);
}

export interface CheckedRun {
  summary: Summary;
  events: TraceEvent[];
  stats: TraceStats;
  /** Trace rule violations plus summary/trace disagreements. */
  violations: string[];
}

/** Default cap on recorded events; a run that emits more fails `runChecked`. */
export const RECORD_LIMIT = 400_000;

/** Runs `s` recording every event, and checks the trace invariants and the summary against it. */
export function runChecked(s: Scenario, opts: TraceCheckOptions & { recordLimit?: number } = {}): CheckedRun {
  const limit = opts.recordLimit ?? RECORD_LIMIT;
  const { summary, trace } = runScenario(s, { recordLimit: limit });
  const events = trace.events;
  if (trace.count !== events.length) throw new Error(`run emitted ${trace.count} events; only ${limit} recorded — make the scenario smaller`);
  const { violations, stats } = analyzeTrace(events, s, opts);
  return { summary, events, stats, violations: [...violations, ...checkSummaryAgainstTrace(summary, stats)] };
}

const SIZE_CHOICES = [1, 2, 3, 4, 8, 16, 17, 32, 33, 64];

export interface ArbOptions {
  /** Allow 'mode' interventions (strict <-> lazy switches at run time). Default false. */
  modeSwitches?: boolean;
  /** Allow 'migrate' interventions. Default false. */
  migrations?: boolean;
  /** Force these top-level values. */
  fixed?: Partial<Pick<Scenario, 'mode' | 'counterReuse' | 'queue' | 'era'>>;
  /** Upper bound on cpus × durationMs (ms·CPU), to bound events. Default 16. */
  cpuMsBudget?: number;
}

/**
 * Random small valid scenarios: cpus 1–8, qd 1–8, fqSize 8–256, all modes and eras (single queue
 * only with era C), counter reuse, all completion policies and latency distributions, short FQ
 * timeouts (so the timer fires within a few ms), optional jiffy rounding, slow and instant flushes,
 * small IOTLBs, pause windows, and both allocators.
 */
export function scenarioArb(o: ArbOptions = {}): fc.Arbitrary<Scenario> {
  const budget = o.cpuMsBudget ?? 16;
  return fc
    .record({
      seed: fc.integer({ min: 0, max: 0xffffffff }),
      era: fc.constantFrom('A', 'B', 'C' as const),
      wantSingle: fc.boolean(),
      mode: fc.constantFrom('lazy', 'lazy', 'lazy', 'strict', 'passthrough' as const),
      counterReuse: fc.boolean(),
      cpus: fc.integer({ min: 1, max: 8 }),
      loadFrac: fc.double({ min: 0, max: 1, noNaN: true }),
      qd: fc.integer({ min: 1, max: 8 }),
      fqLog: fc.integer({ min: 3, max: 8 }),
      fqTimeoutUs: fc.constantFrom(30, 100, 250, 500, 1000, 3000),
      timerHz: fc.constantFrom(0, 0, 0, 250, 1000),
      iotlbEntries: fc.constantFrom(1, 4, 32, 512),
      allocator: fc.constantFrom('standin', 'kernel' as const),
      sizes: fc.uniqueArray(fc.constantFrom(...SIZE_CHOICES), { minLength: 1, maxLength: 3 }),
      weights: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 3, maxLength: 3 }),
      dist: fc.constantFrom('fixed', 'uniform', 'exponential' as const),
      meanUs: fc.integer({ min: 2, max: 300 }),
      spreadFrac: fc.double({ min: 0, max: 1, noNaN: true }),
      completion: fc.constantFrom('same', 'next', 'random', 'fixed' as const),
      completionCpuFrac: fc.double({ min: 0, max: 0.999, noNaN: true }),
      flushAllNs: fc.constantFrom(0, 500, 4000, 20_000, 100_000),
      invRangeNs: fc.constantFrom(0, 500, 2000, 10_000),
      durationMs: fc.double({ min: 0.2, max: 8, noNaN: true }),
      pauses: fc.array(
        fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), len: fc.double({ min: 0.01, max: 1, noNaN: true }), mask: fc.integer({ min: 1, max: 255 }) }),
        { maxLength: 2 },
      ),
      modeSwitch: fc.option(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), mode: fc.constantFrom('strict', 'lazy', 'passthrough' as const) })),
      migrate: fc.option(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), from: fc.nat(7), to: fc.nat(7) })),
    })
    .map((x) => {
      const s = cloneScenario(DEFAULT_SCENARIO);
      const f = o.fixed ?? {};
      s.seed = x.seed;
      s.era = f.era ?? x.era;
      s.queue = f.queue ?? (s.era === 'C' && x.wantSingle ? 'single' : 'percpu');
      s.mode = f.mode ?? x.mode;
      s.counterReuse = f.counterReuse ?? x.counterReuse;
      s.cpus = x.cpus;
      s.fqSize = 1 << x.fqLog;
      s.fqTimeoutMs = x.fqTimeoutUs / 1000;
      s.timerHz = x.timerHz;
      s.iotlbEntries = x.iotlbEntries;
      s.allocator = x.allocator;
      const duration = Math.min(x.durationMs, budget / x.cpus);
      s.durationMs = Math.max(0.05, Math.round(duration * 1000) / 1000);
      s.workload = {
        loadCpus: Math.floor(x.loadFrac * (x.cpus + 1)) > x.cpus ? x.cpus : Math.floor(x.loadFrac * (x.cpus + 1)),
        qd: x.qd,
        sizes: x.sizes.map((pages, i) => ({ pages, weight: x.weights[i] })),
        latency: { dist: x.dist, meanUs: x.meanUs, spreadUs: x.dist === 'uniform' ? Math.floor(x.spreadFrac * x.meanUs) : 0 },
        completion: x.completion,
        completionCpu: Math.floor(x.completionCpuFrac * x.cpus),
      };
      s.costs = { ...s.costs, flushAllNs: x.flushAllNs, invRangeNs: x.invRangeNs };
      const iv: Intervention[] = x.pauses.map((p) => ({
        kind: 'pause' as const,
        atMs: Math.round(p.at * s.durationMs * 1000) / 1000,
        forMs: Math.max(0.001, Math.round(p.len * s.durationMs * 1000) / 1000),
        cpus: Array.from({ length: x.cpus }, (_, c) => c).filter((c) => (p.mask >> c) & 1).concat([0]).filter((c, i, a) => a.indexOf(c) === i),
      }));
      if (o.modeSwitches && x.modeSwitch) iv.push({ kind: 'mode', atMs: Math.round(x.modeSwitch.at * s.durationMs * 1000) / 1000, mode: x.modeSwitch.mode });
      if (o.migrations && x.migrate) iv.push({ kind: 'migrate', atMs: Math.round(x.migrate.at * s.durationMs * 1000) / 1000, from: x.migrate.from % x.cpus, to: x.migrate.to % x.cpus });
      s.interventions = iv;
      return s;
    });
}

/** Throws with the messages if `s` is not a valid scenario (arbitraries must produce valid ones). */
export function assertValid(s: Scenario): void {
  const { errors } = validateScenario(s);
  if (errors.length) throw new Error(`invalid test scenario: ${errors.join('; ')}`);
}
