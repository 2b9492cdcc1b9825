// The worker pool: results in task order whatever the number of workers, a task that fails in its
// worker and a worker that dies each fail only their own task, and every task settles once.

import { describe, expect, it } from 'vitest';
import { runPool, type Settled } from './pool.ts';

const FIXTURE = new URL('./testing/poolFixture.ts', import.meta.url);

describe('runPool', () => {
  it('results in task order with 1 and 3 workers; failures are per task; the rest continue', async () => {
    const tasks = [1, 2, 3, 4, 5, 6, 7, 8];
    const want: Settled<number>[] = tasks.map((t) =>
      t === 3 ? { ok: false, error: 'three is refused' } : t === 5 ? { ok: false, error: 'worker exited with code 7' } : { ok: true, value: t * 2 },
    );
    for (const jobs of [1, 3]) {
      const seen: number[] = [];
      const got = await runPool<number, number>(FIXTURE, tasks, jobs, (i) => seen.push(i));
      expect(got, `jobs ${jobs}`).toEqual(want);
      expect([...seen].sort((a, b) => a - b), `jobs ${jobs}`).toEqual(tasks.map((_, i) => i));
    }
  }, 60_000); // worker threads each load tsx; slow on a loaded 2-core machine

  it('no tasks: no workers, an empty result', async () => {
    expect(await runPool(FIXTURE, [], 4)).toEqual([]);
  });
});
