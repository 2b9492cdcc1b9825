// Runs a scenario through live XState actors: one cpuFlushQueue actor per CPU and one flushTimer
// actor per CPU (see flushTimer.ts for why per CPU). The driver becomes the engine's CpuController,
// so every time a CPU must pick its next step — a DISPATCH, a RESUME, or Engine.at's fast path —
// the engine hands the event to that CPU's actor and the actor's transition runs the step. The
// engine keeps everything else: the event queue (the simulated clock: every event carries its time,
// no actor reads a clock or uses delayed transitions), device completions, interventions, the
// allocator's reclaim work, and the trace.
//
// Actors process events synchronously. An event sent to an actor that is inside its own transition
// (a step that continues at once) waits in its mailbox and runs right after that transition, still
// before control returns to the engine, so the order of every state change is the engine's.
//
// The driver attaches to a fresh engine or to one that has already run (fast-forwarded, or restored
// from a history checkpoint): each actor starts in the state the engine has its CPU in. `stop()`
// hands the control flow back. Detach before deep-cloning an engine: the clone must not take the
// actors with it.

import { createActor, SimulatedClock, type ActorRefFrom } from 'xstate';
import { Engine, type CpuController } from '../sim/engine.ts';
import { bucketNsFor } from '../sim/metrics.ts';
import { summarize, type RunOptions, type RunResult } from '../sim/run.ts';
import type { Scenario } from '../sim/scenario.ts';
import { TraceRecorder } from '../sim/trace.ts';
import { cpuFlushQueue, type CpuFlushQueueMachine } from './cpuFlushQueue.ts';
import type { CpuEvent, MachineLink, TimerEvent } from './events.ts';
import { flushTimer, type FlushTimerMachine } from './flushTimer.ts';

export interface ActorDriverOptions {
  /**
   * Check at every step that the engine parked the CPU in the phase the machine's state stands for
   * (default true). Off, only the trace can show a disagreement.
   */
  check?: boolean;
  /** Machine implementations (tests pass broken variants to show the machines really drive). */
  cpuMachine?: CpuFlushQueueMachine;
  timerMachine?: FlushTimerMachine;
}

/** A disagreement between a machine and the engine's step functions. */
export class MachineDivergence extends Error {
  override name = 'MachineDivergence';
}

export class ActorDriver implements CpuController {
  readonly cpus: ActorRefFrom<CpuFlushQueueMachine>[] = [];
  readonly timers: ActorRefFrom<FlushTimerMachine>[] = [];
  /** Actor transitions taken (events delivered to actors). */
  delivered = 0;
  private failure: unknown = null;

  constructor(
    readonly engine: Engine,
    opts: ActorDriverOptions = {},
  ) {
    // Attaching (and detaching) is allowed between any two engine events: then every CPU is idle
    // or parked in a phase the engine records, and each actor starts from there (`attach`).
    if (engine.controller !== null) throw new Error('ActorDriver: the engine already has a controller');
    const link: MachineLink = {
      check: opts.check ?? true,
      toCpu: (cpu: number, ev: CpuEvent) => this.send(this.cpus[cpu], ev),
      toTimer: (cpu: number, ev: TimerEvent) => this.send(this.timers[cpu], ev),
      fail: (message: string): never => {
        const err = new MachineDivergence(message);
        this.failure ??= err;
        throw err;
      },
    };
    const onError = (err: unknown) => {
      this.failure ??= err;
    };
    // No delayed transitions exist; the simulated clock only guarantees that none could ever
    // schedule itself on the wall clock.
    const clock = new SimulatedClock();
    for (let cpu = 0; cpu < engine.s.cpus; cpu++) {
      const input = { e: engine, cpu, link };
      const a = createActor(opts.cpuMachine ?? cpuFlushQueue, { input, clock, id: `cpu${cpu}` });
      a.subscribe({ error: onError });
      this.cpus.push(a.start());
      const tm = createActor(opts.timerMachine ?? flushTimer, { input, clock, id: `timer${cpu}` });
      tm.subscribe({ error: onError });
      this.timers.push(tm.start());
    }
    for (let cpu = 0; cpu < engine.s.cpus; cpu++) {
      this.deliver(this.cpus[cpu], { type: 'attach', t: engine.now });
      this.deliver(this.timers[cpu], { type: 'attach', t: engine.now });
    }
    engine.controller = this;
  }

  // CpuController: the engine's decision points, each delivered to the CPU's (or timer's) actor.

  dispatch(cpu: number, t: number): void {
    this.deliver(this.cpus[cpu], { type: 'dispatch', t });
  }

  resume(cpu: number, t: number): void {
    this.deliver(this.cpus[cpu], { type: 'resume', t, phase: this.engine.phase[cpu] });
  }

  proceed(cpu: number, t: number, phase: number): void {
    this.deliver(this.cpus[cpu], { type: 'resume', t, phase });
  }

  armTimer(cpu: number, t: number): void {
    const running = this.engine.timerRunning;
    this.deliver(this.timers[running >= 0 ? running : cpu], { type: 'mod_timer', t, from: cpu });
  }

  timerExpired(cpu: number, t: number): void {
    this.deliver(this.timers[cpu], { type: 'expire', t });
  }

  /** Processes one engine event (and every actor transition it causes). */
  step(): boolean {
    return this.engine.step();
  }

  /** Runs the engine (through the actors) up to and including time `until`. */
  runUntil(until: number): number {
    return this.engine.runUntil(until);
  }

  /** The flush timer actor worth showing: the one firing, else the one armed, else CPU 0's. */
  activeTimer(): ActorRefFrom<FlushTimerMachine> {
    let armed = -1;
    for (let c = 0; c < this.timers.length; c++) {
      const s = this.timers[c].getSnapshot();
      if (s.matches('firing')) return this.timers[c];
      if (armed < 0 && s.matches('armed')) armed = c;
    }
    return this.timers[Math.max(armed, 0)];
  }

  /** Stops the actors and gives the engine its own control flow back. */
  stop(): void {
    if (this.engine.controller === this) this.engine.controller = null;
    for (const a of this.cpus) a.stop();
    for (const a of this.timers) a.stop();
  }

  private deliver<E extends CpuEvent | TimerEvent>(actor: { send(ev: E): void }, ev: E): void {
    if (this.failure !== null) throw this.failure;
    this.send(actor, ev);
    if (this.failure !== null) throw this.failure;
  }

  private send<E extends CpuEvent | TimerEvent>(actor: { send(ev: E): void }, ev: E): void {
    this.delivered++;
    actor.send(ev);
  }
}

/** runScenario (src/sim/run.ts) with the control flow run by actors. */
export function runScenarioWithActors(s: Scenario, opts: RunOptions & ActorDriverOptions = {}): RunResult & { driver: ActorDriver } {
  const clock = opts.clock ?? (() => 0);
  const t0 = clock();
  const trace = new TraceRecorder(opts.recordLimit !== undefined, opts.recordLimit ?? 0, opts.onEvent);
  const engine = new Engine(s, { trace, bucketNs: opts.bucketNs ?? bucketNsFor(s.durationMs) });
  const driver = new ActorDriver(engine, opts);
  driver.runUntil(engine.r.durationNs);
  trace.flush();
  const wallMs = clock() - t0;
  driver.stop();
  return { summary: summarize(engine, trace, opts.name ?? 'custom', wallMs), engine, trace, driver };
}
