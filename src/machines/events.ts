// What the actor driver (actorDriver.ts) and the two machines (cpuFlushQueue.ts, flushTimer.ts) say
// to each other. Time always comes from the engine's event queue: every event carries the simulated
// time `t` (ns) at which the CPU runs the step; no machine reads a clock or uses delayed transitions.

import type { Engine } from '../sim/engine.ts';
import { PHASE_NAMES } from '../sim/phases.ts';

/** Events a CPU's actor receives. */
export type CpuEvent =
  /** The CPU picks its next job (the engine's DISPATCH, or `wake` of an idle CPU). */
  | { type: 'dispatch'; t: number }
  /**
   * The CPU's current step continues: a RESUME event (lock handed over, IOMMU done, or the clock
   * reached the step's time) or Engine.at's fast path. `phase` is the phase the engine's own step
   * asked for; the machine does not use it to choose, it only checks it agrees.
   */
  | { type: 'resume'; t: number; phase: number }
  /** The FQ timer callback this CPU was running returned. */
  | { type: 'timer_done'; t: number }
  /** The driver attaches between two engine events: go to the state the engine's CPU is in. */
  | { type: 'attach'; t: number };

/** Events the flush timer's actor receives. */
export type TimerEvent =
  /**
   * queue_iova on CPU `from` won fq_timer_on 0 -> 1: mod_timer(fq_timer, now + timeout), sent to the
   * timer's base CPU (`from`, or the CPU whose callback is running: __mod_timer keeps it there).
   */
  | { type: 'mod_timer'; t: number; from: number }
  /** The timer expired (the engine's TIMER event). */
  | { type: 'expire'; t: number }
  /** The CPU takes the callback as its next job (softirq before anything else). */
  | { type: 'call_timer_fn'; t: number }
  | { type: 'resume'; t: number; phase: number }
  | { type: 'attach'; t: number };

/** How the machines reach each other and report a disagreement with the engine. */
export interface MachineLink {
  toCpu(cpu: number, ev: CpuEvent): void;
  toTimer(cpu: number, ev: TimerEvent): void;
  /** Throws (and records) a divergence; `check` false skips the phase checks. */
  fail(message: string): never;
  readonly check: boolean;
}

/** Input (and the fixed part of the context) of both machines. */
export interface MachineInput {
  e: Engine;
  cpu: number;
  link: MachineLink;
}

/** The tag a state carries when the CPU is parked in `phase` (the CPU step table's name). */
export function phaseTag(phase: number): string {
  return PHASE_NAMES[phase];
}

/**
 * A step action checks that the engine parked the CPU in the phase this state stands for. A
 * mismatch means the machine and the engine's plain code path chose different control flow.
 */
export function expectPhase(c: MachineInput, machine: string, ev: { t: number; phase?: number }, phase: number): void {
  if (!c.link.check || ev.phase === phase) return;
  const got = ev.phase === undefined ? 'none' : PHASE_NAMES[ev.phase] ?? String(ev.phase);
  c.link.fail(`${machine} of CPU ${c.cpu} runs the step for phase ${PHASE_NAMES[phase]} at t=${ev.t}, but the engine parked the CPU in phase ${got}`);
}
