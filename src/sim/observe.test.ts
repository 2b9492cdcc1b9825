// The observables' bookkeeping on hand-made inputs (observe.ts, bucketSums.ts, watchdog.ts): every
// expected number below is worked out by hand from the calls the test makes.

import { describe, expect, it } from 'vitest';
import { BucketSums } from './bucketSums.ts';
import { DEFAULT_COSTS } from './costs.ts';
import { RingLocks } from './fq/ringLock.ts';
import { LOCK_RBTREE, Locks } from './locks.ts';
import { emptyObserveSeries, Observe } from './observe.ts';
import { HARD_LOCKUP_NS, SOFT_LOCKUP_NS, Watchdog } from './watchdog.ts';

describe('BucketSums', () => {
  it('splits a span over the buckets it covers', () => {
    const b = new BucketSums(100, 10);
    b.add(10, 40); // bucket 0: 30
    b.add(80, 330); // bucket 0: 20, 1: 100, 2: 100, 3: 30
    expect(b.close()).toBe(50);
    expect(b.close()).toBe(100);
    b.add(250, 260); // bucket 2, still open
    expect(b.close()).toBe(110);
    expect(b.close()).toBe(30);
    expect(b.close()).toBe(0);
  });

  it('spreads an amount evenly over a span that straddles buckets (a free pass)', () => {
    const b = new BucketSums(100, 10);
    b.addSpread(10, 90, 40); // inside bucket 0: all 40 there
    b.addSpread(50, 250, 100); // 0.5 per ns: 25 in bucket 0, 50 in bucket 1, 25 in bucket 2
    expect(b.close()).toBe(65);
    expect(b.close()).toBe(50);
    expect(b.close()).toBe(25);
  });

  it('books what lies past the last bucket in the overflow slot, never in a closed bucket', () => {
    const b = new BucketSums(100, 2);
    b.add(150, 1000); // bucket 1: 50, the rest (800) past the end
    expect(b.close()).toBe(0);
    expect(b.close()).toBe(50);
    expect(b.close()).toBe(800);
  });
});

/** Per-CPU ring locks whose scheduler does nothing (no engine). */
function rings(cpus: number): RingLocks {
  return new RingLocks(cpus, cpus, { resume: () => {} }, 20, 100);
}

/** n CPUs ask for iova_rbtree_lock at t = 0, each holding it 100 ns (+ lockNs 20, hand-off 100). */
function convoy(n: number) {
  const locks = new Locks({ ...DEFAULT_COSTS });
  const obs = new Observe(n, 1000, 10_000, rings(n));
  locks.rbtreeObserver = obs;
  for (let i = 0; i < n; i++) locks.section(LOCK_RBTREE, 0, 100);
  return { locks, obs };
}

describe('iova_rbtree_lock convoy', () => {

  it('N CPUs asking at once: N - 1 spin', () => {
    expect(convoy(1).obs.rbtreeSpinnersMax).toBe(0);
    expect(convoy(2).obs.rbtreeSpinnersMax).toBe(1);
    expect(convoy(8).obs.rbtreeSpinnersMax).toBe(7);
  });

  it('waits per acquisition and spinners per bucket', () => {
    // Sections: [0,120), then each waiter starts 100 ns (hand-off) after the previous end and
    // holds 120: starts 220, 440, 660; spins 220, 440, 660 (sum 1320, longest 660). Locks.waitNs
    // stops at each previous end (120, 340, 560).
    const { locks, obs } = convoy(4);
    expect(locks.waitNs[LOCK_RBTREE]).toBe(120 + 340 + 560);
    expect(obs.rbtreeSpinNs).toBe(220 + 440 + 660);
    expect(obs.rbtreeSpinMaxNs).toBe(660);
    const out = emptyObserveSeries();
    obs.closeBucket(out, locks.acquisitions[LOCK_RBTREE]);
    expect(out.rbtreeSpinnersMax).toEqual([3]);
    expect(out.rbtreeWaitMeanNs).toEqual([1320 / 4]);
    expect(out.rbtreeWaitMaxNs).toEqual([660]);
    // 1320 ns of spinning in a 1000 ns bucket: 1.32 CPUs on average.
    expect(out.rbtreeSpinnersMean).toEqual([1.32]);
  });

  it('a CPU that asks after the convoy has drained does not count the old waiters', () => {
    const { locks, obs } = convoy(3); // grants at 220 and 440, lock free at 560
    const out = emptyObserveSeries();
    obs.closeBucket(out, locks.acquisitions[LOCK_RBTREE]);
    locks.section(LOCK_RBTREE, 500, 100); // spins until 660, alone: the others were granted
    obs.closeBucket(out, locks.acquisitions[LOCK_RBTREE]);
    expect(out.rbtreeSpinnersMax).toEqual([2, 1]);
    expect(obs.rbtreeSpinnersMax).toBe(2);
  });
});

describe('allocator time', () => {
  it('per CPU, per bucket, and clipped at the clock', () => {
    const obs = new Observe(2, 1000, 4000, rings(2));
    obs.alloc(0, 100, 600); // 500 in bucket 0
    obs.alloc(1, 900, 2400); // 100 in bucket 0, 1000 in bucket 1, 400 in bucket 2
    const out = emptyObserveSeries();
    obs.closeBucket(out, 0);
    obs.closeBucket(out, 0);
    expect(out.allocCpuPct).toEqual([30, 50]); // 600 / 2000, 1000 / 2000
    expect(Array.from(obs.allocNs)).toEqual([500, 1500]);
    // At 2000 ns, CPU 1's call still runs: 400 ns of it lie ahead of the clock.
    expect(Array.from(obs.allocNsUpTo(2000))).toEqual([500, 1100]);
  });
});

describe('IRQs-off sections and the lockup detectors', () => {
  it('longest section per CPU (spin_lock_irqsave to unlock), open sections included', () => {
    const rl = rings(3);
    const obs = new Observe(3, 1e9, 100e9, rl);
    expect(rl.acquire(0, 0, 1000)).toBe(true);
    rl.release(0, 5000); // 4000
    expect(rl.acquire(0, 0, 6000)).toBe(true);
    rl.release(0, 7000); // 1000
    expect(rl.acquire(1, 1, 2000)).toBe(true); // still held at 12 000
    expect(rl.acquire(1, 2, 3000)).toBe(false); // spins behind CPU 1, IRQs off since 3000
    expect(Array.from(rl.irqOffMaxNs)).toEqual([4000, 0, 0]);
    expect(Array.from(obs.longestIrqOff(12_000))).toEqual([4000, 10_000, 9000]);
    const out = emptyObserveSeries();
    obs.closeBucket(out, 0);
    obs.closeBucket(out, 0);
    expect(out.irqOffMaxNs).toEqual([4000, 0]);
  });

  it('a ring lock held 10 s or more is reported to the watchdog when released', () => {
    const rl = rings(2);
    const obs = new Observe(2, 1e9, 100e9, rl);
    rl.acquire(0, 0, 1e9);
    rl.release(0, 1e9 + 10e9 - 1); // 1 ns short
    rl.acquire(1, 1, 2e9);
    rl.release(1, 14e9); // 12 s: hard lockup at 12 s
    expect(obs.watchdogEvents(20e9)).toEqual([{ kind: 'hard', t: 12e9, cpu: 1, from: 2e9 }]);
  });

  it('hard lockup at 10 s of IRQs off, soft at 20 s without scheduling', () => {
    const w = new Watchdog(4);
    w.irqOffSection(0, 1e9, 1e9 + HARD_LOCKUP_NS - 1); // 1 ns short: nothing
    w.irqOffSection(0, 1e9, 13e9); // 12 s: hard at 11 s
    w.irqOffSection(1, 0, 25e9); // 25 s in process context: hard at 10 s, soft at 20 s
    w.callbackStart(2, 0);
    w.irqOffSection(2, 1e9, 22e9); // inside the timeout callback: hard at 11 s only
    w.callbackEnd(2, 30e9); // the callback (softirq) ran 30 s: soft at 20 s
    w.callbackStart(3, 0);
    w.callbackEnd(3, SOFT_LOCKUP_NS - 1); // just short
    expect({ soft: w.soft, hard: w.hard }).toEqual({ soft: 2, hard: 3 });
    const none = new Float64Array(4).fill(-1);
    expect(w.events(40e9, none).map((e) => [e.kind, e.cpu, e.t / 1e9])).toEqual([
      ['hard', 1, 10],
      ['hard', 0, 11],
      ['hard', 2, 11],
      ['soft', 1, 20],
      ['soft', 2, 20],
    ]);
  });

  it('counts sections still open at the moment asked', () => {
    const w = new Watchdog(3);
    const irqOffFrom = Float64Array.from([5e9, -1, 0]);
    w.callbackStart(1, 1e9);
    w.callbackStart(2, 0); // CPU 2: in the callback, in a ring pass since 0
    // At 16 s: CPU 0 has had IRQs off 11 s (hard), CPU 2 16 s (hard); no one 20 s yet.
    expect(w.counts(16e9, irqOffFrom)).toEqual({ soft: 0, hard: 2 });
    // At 26 s: CPU 0 21 s with IRQs off (soft too), CPU 1's callback 25 s (soft), CPU 2's 26 s (soft).
    expect(w.counts(26e9, irqOffFrom)).toEqual({ soft: 3, hard: 2 });
    expect(w.soft + w.hard).toBe(0); // asking records nothing
  });
});
