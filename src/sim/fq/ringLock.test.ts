// The ring spinlocks (fq->lock): immediate grants, FIFO waiters, hand-off cost and wait accounting.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RingLocks } from './ringLock.ts';

const LOCK_NS = 20;
const HANDOFF_NS = 100;

function setup(nrings = 2, cpus = 4) {
  const resumed: { cpu: number; t: number }[] = [];
  const locks = new RingLocks(nrings, cpus, { resume: (cpu, t) => resumed.push({ cpu, t }) }, LOCK_NS, HANDOFF_NS);
  return { locks, resumed };
}

describe('RingLocks', () => {
  it('grants a free lock at once and charges the uncontended cost', () => {
    const { locks, resumed } = setup();
    expect(locks.acquire(0, 1, 1000)).toBe(true);
    expect(locks.grantAt).toBe(1000 + LOCK_NS);
    expect(locks.holder[0]).toBe(1);
    expect(locks.held[0]).toBe(1);
    expect(locks.contended).toBe(0);
    locks.release(0, 1500);
    expect(locks.held[0]).toBe(0);
    expect(locks.holder[0]).toBe(-1);
    expect(resumed).toEqual([]);
    // Free again from its release time on.
    expect(locks.acquire(0, 2, 1500)).toBe(true);
  });

  it('queues waiters in FIFO order and hands over one at a time with the hand-off cost', () => {
    const { locks, resumed } = setup(1, 4);
    expect(locks.acquire(0, 0, 0)).toBe(true);
    expect(locks.acquire(0, 3, 10)).toBe(false);
    expect(locks.acquire(0, 1, 20)).toBe(false);
    expect(locks.acquire(0, 2, 30)).toBe(false);
    expect(locks.waiters(0)).toBe(3);
    expect(locks.contended).toBe(3);
    expect(resumed).toEqual([]); // holder has not said when it releases

    locks.release(0, 500);
    expect(resumed).toEqual([{ cpu: 3, t: 500 + HANDOFF_NS }]);
    locks.granted(0, 3, 600);
    expect(locks.holder[0]).toBe(3);
    expect(locks.grantAt).toBe(600);
    expect(locks.waiters(0)).toBe(2);

    locks.release(0, 700);
    expect(resumed[1]).toEqual({ cpu: 1, t: 700 + HANDOFF_NS });
    locks.granted(0, 1, 800);
    locks.release(0, 900);
    expect(resumed[2]).toEqual({ cpu: 2, t: 900 + HANDOFF_NS });
    locks.granted(0, 2, 1000);
    locks.release(0, 1100);
    expect(resumed).toHaveLength(3);
    expect(locks.waiters(0)).toBe(0);

    // Wait accounting: from the request to the grant.
    expect(locks.waitNs[0]).toBe(600 - 10 + (800 - 20) + (1000 - 30));
    expect(locks.waitTotalNs).toBe(locks.waitNs[0]);
  });

  it('refuses a grant to a CPU that is not first in line', () => {
    const { locks } = setup(1, 3);
    locks.acquire(0, 0, 0);
    locks.acquire(0, 1, 1);
    locks.acquire(0, 2, 2);
    locks.release(0, 10);
    expect(() => locks.granted(0, 2, 110)).toThrow(/not first in line/);
  });

  it('a lock whose holder released at a future time makes earlier requests wait until then', () => {
    const { locks, resumed } = setup(1, 2);
    locks.acquire(0, 0, 0);
    locks.release(0, 5000); // the holder's atomic section ends at 5000
    expect(locks.acquire(0, 1, 1000)).toBe(false);
    // First in line behind a known release time: the grant is scheduled right away.
    expect(resumed).toEqual([{ cpu: 1, t: 5000 + HANDOFF_NS }]);
    locks.granted(0, 1, 5100);
    expect(locks.waitNs[0]).toBe(4100);
  });

  it('never hands the lock over before the waiter asked', () => {
    const { locks, resumed } = setup(1, 2);
    locks.acquire(0, 0, 0);
    locks.acquire(0, 1, 10_000); // a request stamped ahead of the releasing event
    locks.release(0, 100);
    expect(resumed[0].t).toBeGreaterThanOrEqual(10_000);
  });

  it('rings are independent locks', () => {
    const { locks } = setup(2, 2);
    expect(locks.acquire(0, 0, 0)).toBe(true);
    expect(locks.acquire(1, 1, 0)).toBe(true);
    expect(locks.waiters(0)).toBe(0);
    expect(locks.waiters(1)).toBe(0);
  });

  it('grants in request order for any arrival pattern, one holder at a time (fast-check)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(7), { minLength: 1, maxLength: 8 }), fc.array(fc.integer({ min: 1, max: 500 }), { minLength: 8, maxLength: 8 }), (cpus, holds) => {
        const { locks, resumed } = setup(1, 8);
        // Everyone asks at t = 0..n-1 while the first holds the lock.
        const first = locks.acquire(0, cpus[0], 0);
        expect(first).toBe(true);
        for (let i = 1; i < cpus.length; i++) expect(locks.acquire(0, cpus[i], i)).toBe(false);
        const order: number[] = [cpus[0]];
        let t = 1000;
        for (let i = 0; i < cpus.length; i++) {
          t += holds[i];
          locks.release(0, t);
          const next = resumed[i];
          if (i === cpus.length - 1) {
            expect(next).toBeUndefined();
            break;
          }
          expect(next.t).toBe(t + HANDOFF_NS);
          locks.granted(0, next.cpu, next.t);
          expect(locks.holder[0]).toBe(next.cpu);
          order.push(next.cpu);
          t = next.t;
        }
        expect(order).toEqual(cpus);
        expect(locks.contended).toBe(cpus.length - 1);
      }),
    );
  });
});
