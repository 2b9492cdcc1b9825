// The IOTLB model: translations filled on access, stale only after dma_unmap returns, removed by
// the strict range sync, by a flush_iotlb_all that started after the unmap, or by FIFO eviction.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Iotlb } from './iotlb.ts';

describe('Iotlb', () => {
  it('a translation becomes stale only when dma_unmap returns while it is still cached', () => {
    const tlb = new Iotlb(8, 4);
    tlb.access(0, 1, 100);
    expect(tlb.counts()).toEqual({ valid: 1, stale: 0, unmapped: 0 });
    tlb.unmapped(0, 1, 200);
    expect(tlb.staleNow).toBe(0);
    expect(tlb.counts()).toEqual({ valid: 0, stale: 0, unmapped: 1 });
    tlb.returned(0, 1, 300);
    expect(tlb.staleNow).toBe(1);
    expect(tlb.counts().stale).toBe(1);
    expect(tlb.staleMaxAt(1300)).toBe(1000);
  });

  it('strict: the range invalidation before the return leaves nothing stale', () => {
    const tlb = new Iotlb(8, 4);
    for (let io = 0; io < 4; io++) {
      tlb.access(io, io + 1, 0);
      tlb.unmapped(io, io + 1, 10);
      tlb.invalidateRange(io, io + 1, 20);
      tlb.returned(io, io + 1, 30);
    }
    expect(tlb.staleNow).toBe(0);
    expect(tlb.staleMax).toBe(0);
    expect(tlb.staleMaxAt(1e9)).toBe(0);
    expect(tlb.counts()).toEqual({ valid: 0, stale: 0, unmapped: 0 });
  });

  it('flush_iotlb_all removes what was unmapped before the flush started and keeps later unmaps', () => {
    const tlb = new Iotlb(8, 4);
    for (let io = 0; io < 3; io++) tlb.access(io, io + 1, 0);
    tlb.unmapped(0, 1, 100);
    tlb.returned(0, 1, 150);
    tlb.unmapped(1, 2, 250); // after the flush starts at 200
    tlb.returned(1, 2, 260);
    tlb.invalidateAll(200, 1000);
    // io 0: stale from 150 to 1000. io 1 stays stale. io 2 (still mapped) is dropped too.
    expect(tlb.staleNow).toBe(1);
    expect(tlb.staleEnded).toBe(1);
    expect(tlb.staleMaxNs).toBe(850);
    expect(tlb.counts()).toEqual({ valid: 0, stale: 1, unmapped: 0 });
    // A later flush that started after io 1's unmap removes it.
    tlb.invalidateAll(300, 5000);
    expect(tlb.staleNow).toBe(0);
    expect(tlb.staleMaxNs).toBe(5000 - 260);
    expect(tlb.staleTotalNs).toBe(850 + 4740);
  });

  it('an entry unmapped exactly when the flush starts is not covered by it (conservative)', () => {
    const tlb = new Iotlb(4, 1);
    tlb.access(0, 1, 0);
    tlb.unmapped(0, 1, 200);
    tlb.returned(0, 1, 210);
    tlb.invalidateAll(200, 300);
    expect(tlb.staleNow).toBe(1);
  });

  it('flush_iotlb_all drops valid translations: the next access misses and refills', () => {
    const tlb = new Iotlb(4, 1);
    tlb.access(0, 1, 0);
    tlb.access(0, 1, 10);
    expect(tlb.fills).toBe(1);
    tlb.invalidateAll(20, 30);
    expect(tlb.counts().valid).toBe(0);
    tlb.access(0, 1, 40);
    expect(tlb.fills).toBe(2);
  });

  it('FIFO eviction of a stale translation ends its stale window at the eviction', () => {
    const tlb = new Iotlb(2, 3);
    tlb.access(0, 1, 0);
    tlb.unmapped(0, 1, 10);
    tlb.returned(0, 1, 20);
    tlb.access(1, 2, 30);
    expect(tlb.staleNow).toBe(1);
    tlb.access(2, 3, 500); // evicts slot 0 (io 0's stale translation)
    expect(tlb.staleNow).toBe(0);
    expect(tlb.staleEnded).toBe(1);
    expect(tlb.staleMaxNs).toBe(480);
  });

  it('a reused I/O slot with a new mapping id does not inherit the old translation', () => {
    const tlb = new Iotlb(4, 1);
    tlb.access(0, 1, 0);
    tlb.unmapped(0, 1, 10);
    tlb.returned(0, 1, 20);
    tlb.access(0, 2, 30); // new mapping in the same slot: a miss, a new translation
    expect(tlb.fills).toBe(2);
    tlb.unmapped(0, 2, 40);
    tlb.returned(0, 2, 50);
    expect(tlb.staleNow).toBe(2);
    // Operations naming the old id do not touch the new translation.
    tlb.invalidateRange(0, 1, 60);
    expect(tlb.staleNow).toBe(2);
  });

  it('random sequences: stale count equals the model, and invalidating everything clears it', () => {
    type Op = { k: 'access' | 'unmap' | 'inv' | 'flush'; io: number };
    fc.assert(
      fc.property(fc.array(fc.record({ k: fc.constantFrom('access', 'unmap', 'inv', 'flush' as const), io: fc.nat(5) }), { maxLength: 120 }), (ops: Op[]) => {
        const tlb = new Iotlb(64, 6); // never full: no eviction in this model
        const key = new Array(6).fill(0);
        const state = new Array(6).fill('none') as ('none' | 'valid' | 'stale')[];
        let t = 0;
        let next = 1;
        for (const op of ops) {
          t += 10;
          const io = op.io;
          if (op.k === 'access' && state[io] === 'none') {
            key[io] = next++;
            tlb.access(io, key[io], t);
            state[io] = 'valid';
          } else if (op.k === 'unmap' && state[io] === 'valid') {
            tlb.unmapped(io, key[io], t);
            tlb.returned(io, key[io], t + 1);
            state[io] = 'stale';
          } else if (op.k === 'inv' && state[io] === 'stale') {
            tlb.invalidateRange(io, key[io], t);
            state[io] = 'none';
          } else if (op.k === 'flush') {
            tlb.invalidateAll(t, t + 5);
            for (let i = 0; i < 6; i++) if (state[i] === 'stale') state[i] = 'none';
            for (let i = 0; i < 6; i++) if (state[i] === 'valid') state[i] = 'none'; // dropped; next access refills
          }
          expect(tlb.staleNow).toBe(state.filter((x) => x === 'stale').length);
        }
        tlb.invalidateAll(t + 100, t + 200);
        expect(tlb.staleNow).toBe(0);
        expect(tlb.staleMaxAt(t + 1000)).toBe(tlb.staleMaxNs);
      }),
    );
  });
});
