import { describe, expect, it } from 'vitest';
import { blankView } from '../testing/blankView.ts';
import { allocatorSummary, allocatorTable, depotCap, magTooltip } from './text.ts';

describe('allocator words', () => {
  const v = blankView({ cpus: 2 });
  v.magLoaded[1 * 6 + 0] = 127;
  v.magPrev[1 * 6 + 0] = 5;
  v.magLoaded[2] = 3; // CPU 0, class 2
  v.depot[0] = 32;
  v.rbtreeNodes = 1234;
  v.magsToRbtree = 7;

  it('describes one magazine, marking a full one', () => {
    expect(magTooltip(v, 1, 0, false)).toBe('CPU 1, 4 KiB class, loaded magazine: 127 of 127 IOVAs (full)');
    expect(magTooltip(v, 1, 0, true)).toBe('CPU 1, 4 KiB class, prev magazine: 5 of 127 IOVAs');
  });

  it('summarises caches, depot and rbtree', () => {
    expect(allocatorSummary(v)).toBe(
      'Per-CPU IOVA caches hold 135 IOVAs (130 in loaded, 5 in prev magazines of 127). Fullest: CPU 1, 4 KiB (132). ' +
        'Depot: 32 full magazines, cap 32 per class (MAX_GLOBAL_MAGS). rbtree: 1,234 nodes; 7 magazines freed to it so far.',
    );
  });

  it('a v6.7+ depot has no cap', () => {
    expect(depotCap(blankView({ cpus: 1, kernel: '6.7' }))).toMatch(/^no cap/);
  });

  it('tables each class', () => {
    const t = allocatorTable(v);
    expect(t).toHaveLength(7);
    expect(t[1]).toEqual(['4 KiB', '127', '5', '1', '32 of 32']);
    expect(t[3]).toEqual(['16 KiB', '3', '0', '0', '0 of 32']);
  });
});
