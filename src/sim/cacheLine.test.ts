// Cache-line pricing of the shared FQ words: local vs remote atomic reads and writes.

import { describe, expect, it } from 'vitest';
import { CacheLines, LINE_FQ_COUNTERS, LINE_FQ_TIMER } from './cacheLine.ts';

const LOCAL = 5;
const REMOTE = 80;

describe('CacheLines', () => {
  it('a read is local until another CPU writes the line; then one remote read brings it back', () => {
    const l = new CacheLines(4, LOCAL, REMOTE);
    expect(l.read(LINE_FQ_COUNTERS, 1)).toBe(LOCAL); // clean line, never written
    l.write(LINE_FQ_COUNTERS, 0);
    expect(l.read(LINE_FQ_COUNTERS, 0)).toBe(LOCAL); // the writer holds it
    expect(l.read(LINE_FQ_COUNTERS, 1)).toBe(REMOTE); // must fetch the new version
    expect(l.read(LINE_FQ_COUNTERS, 1)).toBe(LOCAL); // now cached
    expect(l.read(LINE_FQ_COUNTERS, 2)).toBe(REMOTE);
    expect(l.reads).toBe(5);
    expect(l.remoteReads).toBe(2);
  });

  it('a write is local only if this CPU wrote last and nobody else touched the line since', () => {
    const l = new CacheLines(2, LOCAL, REMOTE);
    expect(l.write(LINE_FQ_COUNTERS, 0)).toBe(REMOTE); // first ownership
    expect(l.write(LINE_FQ_COUNTERS, 0)).toBe(LOCAL);
    l.read(LINE_FQ_COUNTERS, 1); // shared now
    expect(l.write(LINE_FQ_COUNTERS, 0)).toBe(REMOTE); // must invalidate CPU 1's copy
    expect(l.write(LINE_FQ_COUNTERS, 1)).toBe(REMOTE);
    expect(l.write(LINE_FQ_COUNTERS, 1)).toBe(LOCAL);
    expect(l.writes).toBe(5);
    expect(l.remoteWrites).toBe(3);
  });

  it('lines are independent: writing the timer flag does not invalidate the counters', () => {
    const l = new CacheLines(2, LOCAL, REMOTE);
    l.write(LINE_FQ_COUNTERS, 0);
    l.read(LINE_FQ_COUNTERS, 1);
    l.write(LINE_FQ_TIMER, 0);
    expect(l.read(LINE_FQ_COUNTERS, 1)).toBe(LOCAL);
    expect(l.read(LINE_FQ_TIMER, 1)).toBe(REMOTE);
  });

  it('re-reading the finish counter after every flush by another CPU always costs a remote access', () => {
    // The cost that John Garry's counter reuse saves: CPU 1 reads after each of CPU 0's increments.
    const l = new CacheLines(2, LOCAL, REMOTE);
    let cost = 0;
    for (let i = 0; i < 10; i++) {
      l.write(LINE_FQ_COUNTERS, 0);
      cost += l.read(LINE_FQ_COUNTERS, 1);
    }
    expect(cost).toBe(10 * REMOTE);
  });
});
