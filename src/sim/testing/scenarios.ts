// Small scenarios for engine tests, a fast-check arbitrary of random small valid scenarios, and a
// run-and-check shortcut. Runs are kept small (a few ms simulated, well under ~50k events) so
// property tests stay fast. Not a test file and not used by production code.

import { KERNEL_IDS, kernelRules } from '../kernel/versions.ts';
import fc from 'fast-check';
import { applyOverrides, type PresetOverrides } from '../presets.ts';
import { Engine } from '../engine.ts';
import { bucketNsFor } from '../metrics.ts';
import { summarize, type Summary } from '../run.ts';
import { cloneScenario, DEFAULT_SCENARIO, type Intervention, type Scenario } from '../scenario.ts';
import { decode, TraceRecorder, type EvCode, type TraceEvent } from '../trace.ts';
import { validateScenario } from '../validate.ts';
import { analyzeTrace, checkSummaryAgainstTrace, type TraceStats } from './traceInvariants.ts';

/** DEFAULT_SCENARIO shrunk to 2 CPUs, qd 4, 16-slot rings, 5 ms, then `o` applied. */
export function smallScenario(o: PresetOverrides = {}): Scenario {
  const s = cloneScenario(DEFAULT_SCENARIO);
  // Kernel 6.5 without the 32-bit-first attempt: the defaults these tests were written against
  // (era B, pci off); a test about another version says so in its overrides.
  applyOverrides(s, { kernel: '6.5', pci: false, cpus: 2, fqSize: 16, durationMs: 5, workload: { qd: 4 } });
  return applyOverrides(s, o);
}

export interface CheckedRun {
  summary: Summary;
  /** The recorded trace: (time, emit order), as the CLI writes it. */
  events: TraceEvent[];
  /** The same events in the engine's emission order (its linearisation of state changes). */
  emitted: TraceEvent[];
  /** Stats of the emission-order analysis. */
  stats: TraceStats;
  /** Rules broken by the recorded trace, plus summary/trace disagreements. */
  violations: string[];
  /** Rules broken by the emission-order trace (all rules, including the global-state ones). */
  linearViolations: string[];
}

/** Default cap on recorded events; a run that emits more fails `runChecked`. */
export const RECORD_LIMIT = 400_000;

/** A TraceRecorder that also keeps every event in the order the engine emits it. */
export class EmissionLog extends TraceRecorder {
  readonly emitted: TraceEvent[] = [];
  override emit(ev: EvCode, t: number, cpu: number, a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0): void {
    this.emitted.push(decode(ev, t, cpu, [a0, a1, a2, a3, a4, a5]));
    super.emit(ev, t, cpu, a0, a1, a2, a3, a4, a5);
  }
}

/** runScenario (run.ts) with an EmissionLog as the recorder. */
export function runLogged(s: Scenario, recordLimit = RECORD_LIMIT): { summary: Summary; engine: Engine; log: EmissionLog } {
  const log = new EmissionLog(true, recordLimit);
  const engine = new Engine(s, { trace: log, bucketNs: bucketNsFor(s.durationMs) });
  engine.runUntil(engine.r.durationNs);
  log.flush();
  return { summary: summarize(engine, log, 'custom', 0), engine, log };
}

/**
 * Options of `runChecked`. The recorded trace is checked with `timeConsistency` and
 * `flushCoverage` off unless given, and the emission-order trace with `flushCoverage` off unless
 * given: both currently fail on some scenarios because of a known engine bug (an atomic section
 * reads the shared counters at its start but stamps its events later; see engine.test.ts).
 */
export interface RunCheckOptions {
  recordLimit?: number;
  timeConsistency?: boolean;
  flushCoverage?: boolean;
}

/**
 * Runs `s` recording every event, checks the recorded trace and the emission-order trace against
 * the invariants, and the summary against the trace.
 */
export function runChecked(s: Scenario, opts: RunCheckOptions = {}): CheckedRun {
  const limit = opts.recordLimit ?? RECORD_LIMIT;
  const { summary, log } = runLogged(s, limit);
  const events = log.events;
  if (log.count !== events.length) throw new Error(`run emitted ${log.count} events; only ${limit} recorded — make the scenario smaller`);
  // The engine touches shared FQ counters at their stamped times, so the time-ordered trace obeys
  // the counter rules and fact 21 in simulated time. Jobs may yield mid-way (emission order is no
  // longer one contiguous block per job), so the emission-order pass checks the rules that do not
  // depend on that.
  const flushCoverage = opts.flushCoverage ?? true;
  const timed = analyzeTrace(events, s, { timeConsistency: opts.timeConsistency ?? true, flushCoverage });
  const linear = analyzeTrace(log.emitted, s, { flushCoverage: false });
  return {
    summary,
    events,
    emitted: log.emitted,
    stats: linear.stats,
    violations: [...timed.violations, ...checkSummaryAgainstTrace(summary, timed.stats)],
    linearViolations: linear.violations,
  };
}

const SIZE_CHOICES = [1, 2, 3, 4, 8, 16, 17, 32, 33, 64];

export interface ArbOptions {
  /** Allow 'mode' interventions (strict <-> lazy switches at run time). Default false. */
  modeSwitches?: boolean;
  /** Allow 'migrate' interventions. Default false. */
  migrations?: boolean;
  /** Force these top-level values. */
  fixed?: Partial<Pick<Scenario, 'mode' | 'counterReuse' | 'queue' | 'kernel'>>;
  /** Upper bound on cpus × durationMs (ms·CPU), to bound events. Default 16. */
  cpuMsBudget?: number;
  /** Most CPUs (1–16); pause masks and migrations cover them all. Default 8. */
  maxCpus?: number;
}

/**
 * Random small valid scenarios: cpus 1–8, qd 1–8, fqSize 8–256, all modes and kernel versions
 * (single queue only from 6.7), PCI device / forcedac on or off, counter reuse, all completion policies and latency distributions, short FQ
 * timeouts (so the timer fires within a few ms), optional jiffy rounding, slow and instant flushes,
 * small IOTLBs, pause windows, and both allocators.
 */
export function scenarioArb(o: ArbOptions = {}): fc.Arbitrary<Scenario> {
  const budget = o.cpuMsBudget ?? 16;
  const maxCpus = o.maxCpus ?? 8;
  return fc
    .record({
      seed: fc.integer({ min: 0, max: 0xffffffff }),
      kernel: fc.constantFrom(...KERNEL_IDS),
      pci: fc.boolean(),
      forcedac: fc.boolean(),
      wantSingle: fc.boolean(),
      mode: fc.constantFrom('lazy', 'lazy', 'lazy', 'strict', 'passthrough' as const),
      counterReuse: fc.boolean(),
      cpus: fc.integer({ min: 1, max: maxCpus }),
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
        fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), len: fc.double({ min: 0.01, max: 1, noNaN: true }), mask: fc.integer({ min: 1, max: (1 << maxCpus) - 1 }) }),
        { maxLength: 2 },
      ),
      modeSwitch: fc.option(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), mode: fc.constantFrom('strict', 'lazy', 'passthrough' as const) })),
      migrate: fc.option(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), from: fc.nat(maxCpus - 1), to: fc.nat(maxCpus - 1) })),
      /** Scheduler migration period as a fraction of the run (workload.migrateMs), or off. */
      schedMigrate: fc.option(fc.double({ min: 0.02, max: 1, noNaN: true })),
    })
    .map((x) => {
      const s = cloneScenario(DEFAULT_SCENARIO);
      const f = o.fixed ?? {};
      s.seed = x.seed;
      s.kernel = f.kernel ?? x.kernel;
      s.pci = x.pci;
      s.forcedac = x.forcedac;
      s.queue = f.queue ?? (kernelRules(s.kernel)!.singleQueue && x.wantSingle ? 'single' : 'percpu');
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
        migrateMs: x.schedMigrate === null ? 0 : Math.max(0.001, Math.round(x.schedMigrate * s.durationMs * 1000) / 1000),
        hwQueues: 16,
      };
      s.costs = { ...s.costs, flushAllNs: x.flushAllNs, invRangeNs: x.invRangeNs };
      const iv: Intervention[] = x.pauses.map((p) => ({
        kind: 'pause' as const,
        atMs: Math.round(p.at * s.durationMs * 1000) / 1000,
        forMs: Math.max(0.001, Math.round(p.len * s.durationMs * 1000) / 1000),
        cpus: Array.from({ length: x.cpus }, (_, c) => c).filter((c) => (p.mask >> c) & 1).concat([0]).filter((c, i, a) => a.indexOf(c) === i),
      }));
      if (o.modeSwitches && x.modeSwitch) iv.push({ kind: 'mode', atMs: Math.round(x.modeSwitch.at * s.durationMs * 1000) / 1000, mode: x.modeSwitch.mode });
      // from != to: a migration onto the same CPU hangs the engine (see engine.test.ts).
      if (o.migrations && x.migrate && x.cpus > 1) {
        const from = x.migrate.from % x.cpus;
        const to = (from + 1 + (x.migrate.to % (x.cpus - 1))) % x.cpus;
        iv.push({ kind: 'migrate', atMs: Math.round(x.migrate.at * s.durationMs * 1000) / 1000, from, to });
      }
      s.interventions = iv;
      return s;
    });
}

/** Throws with the messages if `s` is not a valid scenario (arbitraries must produce valid ones). */
export function assertValid(s: Scenario): void {
  const { errors } = validateScenario(s);
  if (errors.length) throw new Error(`invalid test scenario: ${errors.join('; ')}`);
}

/**
 * scenarioArb with the scale inputs (issue 19 §2) switched on at random: 64 KiB granule,
 * completion by hardware-queue IRQ groups, a bandwidth-capped device, walk-step and NUMA costs,
 * arm64 atomics, a size-mix change, a burst of long-lived maps and an aged start state.
 */
export function inputsArb(o: ArbOptions = {}): fc.Arbitrary<Scenario> {
  return fc
    .tuple(
      scenarioArb(o),
      fc.record({
        gr64: fc.boolean(),
        hwq: fc.option(fc.integer({ min: 1, max: 4 })),
        bw: fc.constantFrom(0, 0, 2e8, 2e9),
        level: fc.constantFrom(0, 10),
        numa: fc.constantFrom(1, 2),
        arm64: fc.boolean(),
        sizesAt: fc.option(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), pages: fc.constantFrom(1, 8, 64) })),
        burst: fc.option(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), hold: fc.double({ min: 0, max: 1, noNaN: true }), count: fc.integer({ min: 1, max: 300 }), pages: fc.constantFrom(1, 16, 64) })),
        aged: fc.option(fc.record({ cls: fc.integer({ min: 0, max: 5 }), cpu: fc.integer({ min: 0, max: 600 }), depot: fc.integer({ min: 0, max: 600 }) })),
      }),
    )
    .map(([s, x]) => {
      const at = (f: number) => Math.round(f * s.durationMs * 1000) / 1000;
      s.granuleKiB = x.gr64 ? 64 : 4;
      if (x.hwq !== null && s.workload.completion !== 'fixed') {
        s.workload.completion = 'hwq';
        s.workload.hwQueues = Math.min(x.hwq, s.cpus);
      }
      s.deviceBps = x.bw;
      s.costs.rbtreeWalkStepLevelNs = x.level;
      s.numaNodes = Math.min(x.numa, s.cpus);
      s.atomics = x.arm64 ? 'arm64' : 'flat';
      if (x.sizesAt) s.interventions.push({ kind: 'sizes', atMs: at(x.sizesAt.at), sizes: [{ pages: x.sizesAt.pages, weight: 1 }] });
      if (x.burst) s.interventions.push({ kind: 'burst', atMs: at(x.burst.at), holdMs: at(x.burst.hold), count: x.burst.count, pages: x.burst.pages, cpu: s.cpus - 1 });
      if (x.aged) s.aged = [{ cls: x.aged.cls, cpuIovas: x.aged.cpu, depotIovas: x.aged.depot }];
      return s;
    });
}
