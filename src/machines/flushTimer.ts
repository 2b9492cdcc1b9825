// The FQ timer (fq_timer + fq_timer_on) and its callback fq_flush_timeout (docs/kernel.md §3.5), as a
// statechart: disarmed -> armed (expiry in context) -> firing: the softirq is pending on the timer's
// CPU, then the callback's one flush (fq_flush_iotlb), then fq_ring_free over ring 0 … P−1, one ring
// at a time, each under its own lock.
//
// One actor per CPU (actorDriver.ts): the actor of the CPU whose timer base holds fq_timer. That is
// the arming CPU, except while a callback runs: the callback clears fq_timer_on *before* its flush
// (fact 14), so another CPU's queue_iova may re-arm the timer mid-callback, and __mod_timer then
// keeps it on the running callback's CPU (a timer never runs concurrently with itself). So the
// `firing` actor takes that mod_timer itself, and if the callback outlives the new expiry, the
// expiry too; when the callback returns it goes on to `armed` or straight to `firing.pending`.
// Across CPUs at most one actor is `armed` or `firing` at a time.
//
// As in cpuFlushQueue.ts the steps are the engine's functions (fq/flushTimeout.ts, Engine.modTimer,
// Engine.raiseTimer, Engine.runTimeout) and the machine decides which runs next.

import { assign, setup } from 'xstate';
import { nextRing, timeoutFlushed, timeoutFlushStart, timeoutRingGranted } from '../sim/fq/flushTimeout.ts';
import { PH_TO_FLUSH, PH_TO_FLUSH_START, PH_TO_NEXT, PH_TO_RING } from '../sim/phases.ts';
import { expectPhase, phaseTag, type MachineInput, type TimerEvent } from './events.ts';

const M = 'flushTimer';

export interface FlushTimerContext extends MachineInput {
  /** When the pending timer expires (ns), or -1. */
  expires: number;
  /** The ring the callback's loop is at (for_each_possible_cpu). */
  ring: number;
  /** The timer, re-armed during the running callback, expired before it returned. */
  raised: boolean;
}

export const flushTimer = setup({
  types: {
    context: {} as FlushTimerContext,
    events: {} as TimerEvent,
    input: {} as MachineInput,
  },
  guards: {
    /** The loop has visited every ring (one per possible CPU, or the single queue). */
    allRingsFreed: ({ context: { e, ring } }) => ring >= e.rings.nrings,
    /** spin_lock on ring i returned at once: the step already freed ring i and moved on. */
    ringPassDone: ({ context: { e, cpu, ring } }) => e.timeoutRing[cpu] > ring,
    /** attach: this CPU's callback is parked in `phase`. */
    parkedIn: ({ context: { e, cpu } }, p: { phase: number }) => e.phase[cpu] === p.phase,
    /** attach: the timer expired on this CPU and its callback has not started. */
    softirqPending: ({ context: { e, cpu } }) => e.timerPending[cpu] !== 0,
    /** attach: fq_timer_on is 1 and the pending timer is on this CPU's base. */
    armedHere: ({ context: { e, cpu } }) => e.fqTimerOn === 1 && e.timerCpu === cpu,
    /** The callback has returned (last ring done) and the timer, re-armed meanwhile, already expired. */
    doneRaised: ({ context: { e, ring, raised } }) => ring >= e.rings.nrings && raised,
    /** The callback has returned and the timer was re-armed meanwhile (still pending). */
    doneRearmed: ({ context: { e, ring, expires } }) => ring >= e.rings.nrings && expires >= 0,
    /** A re-arm during this callback is pending (only then may it expire while the callback runs). */
    rearmed: ({ context: { expires } }) => expires >= 0,
  },
  actions: {
    setExpiry: assign({ expires: ({ context: { e }, event }) => e.timerExpiry(event.t) }),
    clearExpiry: assign({ expires: -1 }),
    modTimer: ({ context: { e, cpu }, event }) => e.modTimer(event.type === 'mod_timer' ? event.from : cpu, event.t),
    markRaised: assign({ raised: true }),
    clearRaised: assign({ raised: false }),
    raiseTimer: ({ context: { e, cpu }, event }) => e.raiseTimer(cpu, event.t),
    runTimeout: ({ context: { e, cpu }, event }) => e.runTimeout(cpu, event.t),
    timeoutFlushStart: ({ context: c, event }) => {
      expectPhase(c, M, event, PH_TO_FLUSH_START);
      timeoutFlushStart(c.e, c.cpu, event.t);
    },
    timeoutFlushed: ({ context: c, event }) => {
      expectPhase(c, M, event, PH_TO_FLUSH);
      timeoutFlushed(c.e, c.cpu, event.t);
    },
    firstRing: assign({ ring: 0 }),
    nextRing: ({ context: c, event }) => {
      expectPhase(c, M, event, PH_TO_NEXT);
      if (c.link.check && c.e.timeoutRing[c.cpu] !== c.ring) c.link.fail(`${M} of CPU ${c.cpu} is at ring ${c.ring}, the engine's loop at ring ${c.e.timeoutRing[c.cpu]}`);
      nextRing(c.e, c.cpu, event.t);
    },
    timeoutRingGranted: ({ context: c, event }) => {
      expectPhase(c, M, event, PH_TO_RING);
      timeoutRingGranted(c.e, c.cpu, event.t);
    },
    ringDone: assign({ ring: ({ context }) => context.ring + 1 }),
    /** attach: take the engine's loop position, pending expiry, and an expiry during the callback. */
    syncFromEngine: assign({
      raised: ({ context: { e, cpu } }) => e.timerRunning === cpu && e.timerPending[cpu] !== 0,
      ring: ({ context: { e, cpu } }) => e.timeoutRing[cpu],
      expires: ({ context: { e, cpu } }) => (e.fqTimerOn === 1 && e.timerCpu === cpu && e.timerPending[cpu] === 0 ? e.timerExpires : -1),
    }),
    timerDone: ({ context: c, event }) => c.link.toCpu(c.cpu, { type: 'timer_done', t: event.t }),
    unexpected: ({ context: c, event, self }) => {
      c.link.fail(`${M} of CPU ${c.cpu} got ${event.type} at t=${event.t} in state ${JSON.stringify(self.getSnapshot().value)}`);
    },
  },
}).createMachine({
  id: M,
  context: ({ input }) => ({ ...input, expires: -1, ring: 0, raised: false }),
  initial: 'disarmed',
  on: {
    '*': { actions: 'unexpected' },
    // The driver attaches to a run already under way: go where the engine is (not drawn).
    attach: [
      { guard: { type: 'parkedIn', params: { phase: PH_TO_FLUSH_START } }, target: '.firing.fq_flush_iotlb.start', actions: 'syncFromEngine' },
      { guard: { type: 'parkedIn', params: { phase: PH_TO_FLUSH } }, target: '.firing.fq_flush_iotlb.flush_iotlb_all', actions: 'syncFromEngine' },
      { guard: { type: 'parkedIn', params: { phase: PH_TO_NEXT } }, target: '.firing.fq_ring_free.next', actions: 'syncFromEngine' },
      { guard: { type: 'parkedIn', params: { phase: PH_TO_RING } }, target: '.firing.fq_ring_free.spin_lock', actions: 'syncFromEngine' },
      { guard: 'softirqPending', target: '.firing.pending', actions: 'syncFromEngine' },
      { guard: 'armedHere', target: '.armed', actions: 'syncFromEngine' },
      { target: '.disarmed', actions: 'syncFromEngine' },
    ],
  },
  states: {
    disarmed: {
      description:
        'No timer pending on this CPU. The next queue_iova here that reads fq_timer_on == 0 and wins the exchange to 1 calls mod_timer(fq_timer, now + timeout).',
      on: { mod_timer: { target: 'armed', actions: ['setExpiry', 'modTimer'] } },
    },
    armed: {
      description:
        'fq_timer is pending on this CPU’s timer base and fq_timer_on is 1, so no other queue_iova re-arms it. At its expiry the callback is raised on this CPU (the arming CPU, or the CPU whose callback was running when it was re-armed).',
      on: { expire: { target: 'firing', actions: ['clearExpiry', 'raiseTimer'] } },
    },
    firing: {
      description:
        'fq_flush_timeout: fq_timer_on = 0, one fq_flush_iotlb, then fq_ring_free on every ring, all on this CPU. A queue_iova elsewhere meanwhile re-arms the timer on this CPU’s base (__mod_timer does not move a running timer), so the next callback runs here too, never alongside this one.',
      initial: 'pending',
      on: {
        mod_timer: { actions: ['setExpiry', 'modTimer'] },
        expire: [{ guard: 'rearmed', actions: ['clearExpiry', 'raiseTimer', 'markRaised'] }, { actions: 'unexpected' }],
      },
      states: {
        pending: {
          description: 'The timer expired (TIMER_SOFTIRQ raised); call_timer_fn runs fq_flush_timeout on this CPU as soon as its current job ends, before any other job.',
          on: { call_timer_fn: { target: 'fq_flush_iotlb', actions: 'runTimeout' } },
        },
        fq_flush_iotlb: {
          description: 'The callback set fq_timer_on = 0 first (a queue_iova now may re-arm the timer), then flushes the whole domain.',
          initial: 'start',
          states: {
            start: {
              tags: [phaseTag(PH_TO_FLUSH_START)],
              description: 'fq_flush_iotlb step 1: atomic64_inc(&fq_flush_start_cnt), then flush_iotlb_all.',
              on: { resume: { target: 'flush_iotlb_all', actions: 'timeoutFlushStart' } },
            },
            flush_iotlb_all: {
              tags: [phaseTag(PH_TO_FLUSH)],
              description: 'flush_iotlb_all is on the IOMMU’s invalidation queue. When it completes: fq_flush_finish_cnt++ and the ring loop begins at ring 0.',
              on: { resume: { target: '#flushTimer.firing.fq_ring_free', actions: ['timeoutFlushed', 'firstRing'] } },
            },
          },
        },
        fq_ring_free: {
          description:
            'for_each_possible_cpu: lock ring i, fq_ring_free against fq_flush_finish_cnt (re-read per ring, or with counter reuse the callback’s own flush value), unlock. Every IOVA goes into this CPU’s rcache.',
          initial: 'next',
          states: {
            next: {
              tags: [phaseTag(PH_TO_NEXT)],
              description: 'About to take ring i’s lock (spin_lock_irqsave), or, after the last ring, to return from the callback.',
              on: {
                resume: [
                  { guard: 'doneRaised', target: '#flushTimer.firing.pending', actions: ['nextRing', 'timerDone', 'clearRaised'] },
                  { guard: 'doneRearmed', target: '#flushTimer.armed', actions: ['nextRing', 'timerDone'] },
                  { guard: 'allRingsFreed', target: '#flushTimer.disarmed', actions: ['nextRing', 'timerDone'] },
                  { target: 'spin_lock', actions: 'nextRing' },
                ],
              },
            },
            spin_lock: {
              tags: [phaseTag(PH_TO_RING)],
              description: 'Spinning on ring i’s fq->lock: its owner is inside queue_iova (perhaps in a forced flush). When handed over, fq_ring_free runs on ring i.',
              always: { guard: 'ringPassDone', target: 'next', actions: 'ringDone' },
              on: { resume: { target: 'next', actions: ['timeoutRingGranted', 'ringDone'] } },
            },
          },
        },
      },
    },
  },
});

export type FlushTimerMachine = typeof flushTimer;
