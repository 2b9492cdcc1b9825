// One CPU's control flow as a statechart (docs/model.md, "XState machines"): which job it runs
// next, and where it is in the unmap path — lazy (__iommu_dma_unmap -> queue_iova, docs/kernel.md
// §3.4) or strict (iommu_iotlb_sync). The FQ timer callback (fq_flush_timeout) is a job of this CPU
// too, but its steps belong to the flushTimer machine (flushTimer.ts); here the CPU only waits in
// `fq_flush_timeout` and forwards its resumes there.
//
// A state is where the CPU is parked between two steps; a transition runs the next step. The
// steps are the engine's own functions (src/sim/fq/queueIova.ts, io.ts, Engine.run*), and the
// guards read the same state through the same functions (ringFull, Engine.unmapReady), so no
// flush-queue, counter or allocator rule exists twice. What exists twice is the sequencing: here as
// a statechart, in the engine as plain calls. The differential test (differential.test.ts) proves
// the two produce the same trace, event by event.
//
// Transient states (`fq_ring_free`, `fq_ring_free_again`) are decision points: the CPU passes
// through them in the same step, and their eventless transitions make the choice (the full check).

import { setup } from 'xstate';
import { queueIovaAdd, queueIovaFlushed, queueIovaFlushStart, queueIovaGranted, queueIovaStart } from '../sim/fq/queueIova.ts';
import { ringFull } from '../sim/fq/ring.ts';
import { strictSynced } from '../sim/io.ts';
import { PH_Q_ADD, PH_Q_FLUSH, PH_Q_FLUSH_START, PH_Q_LOCK, PH_Q_START, PH_STRICT_SYNC, PH_TO_FLUSH, PH_TO_FLUSH_START, PH_TO_NEXT, PH_TO_RING } from '../sim/phases.ts';
import { expectPhase, phaseTag, type CpuEvent, type MachineInput } from './events.ts';

const M = 'cpuFlushQueue';

export const cpuFlushQueue = setup({
  types: {
    context: {} as MachineInput,
    events: {} as CpuEvent,
    input: {} as MachineInput,
  },
  guards: {
    /** The timer expired on this CPU: its callback runs before any other job (softirq). */
    timerPending: ({ context: { e, cpu } }) => e.timerPending[cpu] !== 0,
    /** The I/O to unmap was mapped without the IOMMU (identity domain): nothing to invalidate. */
    unmapIdentity: ({ context: { e, cpu } }) => e.unmapReady(cpu) && e.ioIommu[e.unmapHead[cpu]] === 0,
    /** gather.queued = (cookie->fq_domain != NULL): the unmap goes through queue_iova. */
    unmapQueued: ({ context: { e, cpu } }) => e.unmapReady(cpu) && e.fqDomain,
    unmapReady: ({ context: { e, cpu } }) => e.unmapReady(cpu),
    freeSlot: ({ context: { e, cpu } }) => e.freeIoHead[cpu] >= 0,
    /** spin_lock returned at once (the step took the lock and ran its free pass). */
    holdsRingLock: ({ context: { e, cpu } }) => e.ringLocks.holder[e.cpuRing[cpu]] === cpu,
    /** fq_full: still full after the free pass. */
    ringFull: ({ context: { e, cpu } }) => ringFull(e.rings, e.cpuRing[cpu]),
    /** attach: the engine has this CPU parked in `phase`. */
    parkedIn: ({ context: { e, cpu } }, p: { phase: number }) => e.phase[cpu] === p.phase,
    /** attach: this CPU is inside the FQ timer callback. */
    inTimeout: ({ context: { e, cpu } }) => [PH_TO_FLUSH_START, PH_TO_FLUSH, PH_TO_NEXT, PH_TO_RING].includes(e.phase[cpu]),
  },
  actions: {
    call_timer_fn: ({ context: c, event }) => c.link.toTimer(c.cpu, { type: 'call_timer_fn', t: event.t }),
    forwardToTimer: ({ context: c, event }) => {
      if (event.type === 'resume') c.link.toTimer(c.cpu, event);
    },
    runUnmap: ({ context: { e, cpu }, event }) => e.runUnmap(cpu, event.t),
    runSubmit: ({ context: { e, cpu }, event }) => e.runSubmit(cpu, event.t),
    goIdle: ({ context: { e, cpu }, event }) => e.goIdle(cpu, event.t),
    queueIovaStart: ({ context: c, event }) => {
      expectPhase(c, M, event, PH_Q_START);
      queueIovaStart(c.e, c.cpu, event.t);
    },
    queueIovaGranted: ({ context: c, event }) => {
      expectPhase(c, M, event, PH_Q_LOCK);
      queueIovaGranted(c.e, c.cpu, event.t);
    },
    queueIovaFlushStart: ({ context: c, event }) => {
      expectPhase(c, M, event, PH_Q_FLUSH_START);
      queueIovaFlushStart(c.e, c.cpu, event.t);
    },
    queueIovaFlushed: ({ context: c, event }) => {
      expectPhase(c, M, event, PH_Q_FLUSH);
      queueIovaFlushed(c.e, c.cpu, event.t);
    },
    queueIovaAdd: ({ context: c, event }) => {
      expectPhase(c, M, event, PH_Q_ADD);
      queueIovaAdd(c.e, c.cpu, event.t);
    },
    strictSynced: ({ context: c, event }) => {
      expectPhase(c, M, event, PH_STRICT_SYNC);
      strictSynced(c.e, c.cpu, event.t);
    },
    unexpected: ({ context: c, event, self }) => {
      c.link.fail(`${M} of CPU ${c.cpu} got ${event.type} at t=${event.t} in state ${JSON.stringify(self.getSnapshot().value)}`);
    },
  },
}).createMachine({
  id: M,
  context: ({ input }) => input,
  initial: 'idle',
  on: {
    '*': { actions: 'unexpected' },
    // The driver attaches to a run already under way (between two engine events): each actor goes
    // to where the engine has its CPU. Not part of the kernel's control flow (not drawn).
    attach: [
      { guard: { type: 'parkedIn', params: { phase: PH_Q_START } }, target: '.__iommu_dma_unmap.queue_iova.smp_mb' },
      { guard: { type: 'parkedIn', params: { phase: PH_Q_LOCK } }, target: '.__iommu_dma_unmap.queue_iova.spin_lock' },
      { guard: { type: 'parkedIn', params: { phase: PH_Q_FLUSH_START } }, target: '.__iommu_dma_unmap.queue_iova.fq_flush_iotlb.start' },
      { guard: { type: 'parkedIn', params: { phase: PH_Q_FLUSH } }, target: '.__iommu_dma_unmap.queue_iova.fq_flush_iotlb.flush_iotlb_all' },
      { guard: { type: 'parkedIn', params: { phase: PH_Q_ADD } }, target: '.__iommu_dma_unmap.queue_iova.fq_add' },
      { guard: { type: 'parkedIn', params: { phase: PH_STRICT_SYNC } }, target: '.__iommu_dma_unmap.iommu_iotlb_sync' },
      { guard: 'inTimeout', target: '.fq_flush_timeout' },
      { target: '.idle' },
    ],
  },
  states: {
    idle: {
      description:
        'Between jobs. On dispatch the CPU takes, in this order: the FQ timer callback (fq_flush_timeout, softirq), a completed I/O to unmap (__iommu_dma_unmap), or a new I/O to map (iommu_dma_alloc_iova + iommu_map).',
      on: {
        dispatch: [
          { guard: 'timerPending', target: 'fq_flush_timeout', actions: 'call_timer_fn' },
          // Identity domain: __iommu_dma_unmap has nothing to invalidate; the job ends at once.
          { guard: 'unmapIdentity', actions: 'runUnmap' },
          { guard: 'unmapQueued', target: '__iommu_dma_unmap.queue_iova', actions: 'runUnmap' },
          { guard: 'unmapReady', target: '__iommu_dma_unmap.iommu_iotlb_sync', actions: 'runUnmap' },
          // The map path is one step (its lock sections are atomic): the CPU is free again after it.
          { guard: 'freeSlot', actions: 'runSubmit' },
          { actions: 'goIdle' },
        ],
      },
    },
    __iommu_dma_unmap: {
      description:
        '__iommu_dma_unmap: the PTEs are cleared (iommu_unmap_fast); then the IOTLB must forget them before the IOVA is reused, either now (strict) or via the flush queue (lazy).',
      // Always entered through an explicit child; XState wants an initial state anyway.
      initial: 'queue_iova',
      states: {
        queue_iova: {
          description: 'queue_iova (lazy mode): defer the invalidation by putting the IOVA on this CPU’s flush-queue ring.',
          initial: 'smp_mb',
          states: {
            smp_mb: {
              tags: [phaseTag(PH_Q_START)],
              description: 'queue_iova step 1 done (smp_mb orders the PTE clear before any flush). Next: take the ring’s fq->lock.',
              on: { resume: { target: 'spin_lock', actions: 'queueIovaStart' } },
            },
            spin_lock: {
              tags: [phaseTag(PH_Q_LOCK)],
              description:
                'Spinning on fq->lock (spin_lock_irqsave): the FQ timeout’s ring loop holds it, or, with the single queue, another CPU’s queue_iova. Waiters get it in FIFO order.',
              always: { guard: 'holdsRingLock', target: 'fq_ring_free' },
              on: { resume: { target: 'fq_ring_free', actions: 'queueIovaGranted' } },
            },
            fq_ring_free: {
              description:
                'fq_ring_free: entries whose counter is below fq_flush_finish_cnt (read once) leave the ring head first, into this CPU’s rcache (free_iova_fast). Then the full check (fq_full).',
              always: [{ guard: 'ringFull', target: 'fq_flush_iotlb' }, { target: 'fq_add' }],
            },
            fq_flush_iotlb: {
              description: 'Still full: queue_iova calls fq_flush_iotlb itself, holding the ring lock, so other CPUs wanting this ring wait.',
              initial: 'start',
              states: {
                start: {
                  tags: [phaseTag(PH_Q_FLUSH_START)],
                  description: 'fq_flush_iotlb step 1: atomic64_inc(&fq_flush_start_cnt), then flush_iotlb_all.',
                  on: { resume: { target: 'flush_iotlb_all', actions: 'queueIovaFlushStart' } },
                },
                flush_iotlb_all: {
                  tags: [phaseTag(PH_Q_FLUSH)],
                  description:
                    'flush_iotlb_all is on the IOMMU’s invalidation queue; meanwhile other CPUs see start > finish. When it completes: fq_flush_finish_cnt++.',
                  on: { resume: { target: '#cpuFlushQueue.__iommu_dma_unmap.queue_iova.fq_ring_free_again', actions: 'queueIovaFlushed' } },
                },
              },
            },
            fq_ring_free_again: {
              description:
                'The second fq_ring_free, after this CPU’s own flush: its limit is a fresh read of fq_flush_finish_cnt, or with counter reuse the value atomic64_inc_return gave.',
              always: { target: 'fq_add' },
            },
            fq_add: {
              tags: [phaseTag(PH_Q_ADD)],
              description:
                'Next: fq_ring_add puts the IOVA at the tail with counter = fq_flush_start_cnt, spin_unlock, and if fq_timer_on was 0, mod_timer arms the flush timer.',
              on: { resume: { target: '#cpuFlushQueue.idle', actions: 'queueIovaAdd' } },
            },
          },
        },
        iommu_iotlb_sync: {
          tags: [phaseTag(PH_STRICT_SYNC)],
          description:
            'Strict mode: the range invalidation and its sync (iommu_iotlb_sync) wait on the IOMMU’s invalidation queue; only then free_iova_fast returns the IOVA.',
          on: { resume: { target: '#cpuFlushQueue.idle', actions: 'strictSynced' } },
        },
      },
    },
    fq_flush_timeout: {
      description: 'This CPU runs the FQ timer callback (fq_flush_timeout) in softirq context; the flushTimer machine shows its steps.',
      on: {
        resume: { actions: 'forwardToTimer' },
        timer_done: { target: 'idle' },
      },
    },
  },
});

export type CpuFlushQueueMachine = typeof cpuFlushQueue;
