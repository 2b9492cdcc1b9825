import { describe, expect, it } from 'vitest';
import { cellAt, cellOrigin, gridLayout, LABEL_CELL, queuesLayout, rowLabelStep } from './layout.ts';

describe('queues grid layout', () => {
  it('16 CPUs: large labelled cells in two rows of eight', () => {
    const g = gridLayout(16, 0, 0, 700, 390);
    expect(g.cols).toBe(8);
    expect(g.rows).toBe(2);
    expect(g.cellLabels).toBe(true);
    expect(g.cell).toBeGreaterThanOrEqual(LABEL_CELL);
  });

  it('128 CPUs: 16 per row; labelled cells when wide, row labels when narrow, counts fit either way', () => {
    const wide = gridLayout(128, 0, 0, 740, 390);
    expect([wide.cols, wide.rows, wide.cellLabels]).toEqual([16, 8, true]);
    const g = gridLayout(128, 0, 0, 600, 390);
    expect(g.cols).toBe(16);
    expect(g.rows).toBe(8);
    expect(g.cellLabels).toBe(false);
    expect(g.labelW).toBeGreaterThan(0);
    expect(g.cell).toBeGreaterThanOrEqual(34);
    expect(g.counts).toBe(true);
  });

  it('stays inside its box for any CPU count', () => {
    for (const n of [1, 2, 3, 7, 16, 64, 100, 128, 256]) {
      for (const [w, h] of [
        [400, 300],
        [740, 390],
        [1100, 420],
      ]) {
        const g = gridLayout(n, 0, 0, w, h);
        expect(g.cols * g.rows).toBeGreaterThanOrEqual(n);
        expect(g.width).toBeLessThanOrEqual(w);
        expect(g.height).toBeLessThanOrEqual(h);
        expect(g.cell).toBeGreaterThanOrEqual(8);
      }
    }
  });

  it('hit-tests cells and round-trips with cellOrigin', () => {
    const g = gridLayout(128, 300, 10, 740, 390);
    for (const i of [0, 1, 15, 16, 77, 127]) {
      const [x, y] = cellOrigin(g, i);
      expect(cellAt(g, 128, x + g.cell / 2, y + g.cell / 2)).toBe(i);
    }
    expect(cellAt(g, 128, 299, 20)).toBe(-1);
    expect(cellAt(g, 128, 300 + g.labelW - 1, 20)).toBe(-1); // the row-label gutter
    const g100 = gridLayout(100, 0, 0, 740, 390);
    const [x99, y99] = cellOrigin(g100, 99);
    expect(cellAt(g100, 100, x99 + 1, y99 + 1)).toBe(99);
  });

  it('does not report the empty cells after the last CPU', () => {
    const g = gridLayout(100, 0, 0, 740, 390);
    expect(100 % g.cols).not.toBe(0); // the last row is partial
    const [x, y] = cellOrigin(g, 99);
    expect(cellAt(g, 100, x + g.cell * 1.5, y + 1)).toBe(-1);
    expect(cellAt(g, 101, x + g.cell * 1.5, y + 1)).toBe(100);
  });

  it('thins row labels to keep them 12 px apart', () => {
    expect(rowLabelStep(40)).toBe(1);
    expect(rowLabelStep(12)).toBe(1);
    expect(rowLabelStep(8)).toBe(2);
  });
});

describe('queues panel layout', () => {
  it('side by side when wide, stacked when narrow', () => {
    const wide = queuesLayout(1100, 16, 256);
    expect(wide.grid!.x).toBeGreaterThanOrEqual(wide.focus.d);
    expect(wide.grid!.y).toBe(0);
    const narrow = queuesLayout(500, 16, 256);
    expect(narrow.grid!.y).toBeGreaterThanOrEqual(narrow.focus.d);
    expect(narrow.height).toBeGreaterThanOrEqual(narrow.grid!.y + narrow.grid!.height);
    // Half of a 1280 px page (a panel body of ~589 px): beside, and short enough for the first screen.
    const half = queuesLayout(589, 16, 256);
    expect(half.grid!.y).toBe(0);
    expect(half.grid!.x).toBeGreaterThanOrEqual(half.focus.d);
    expect(half.height).toBeLessThanOrEqual(300);
    // The single queue keeps its raster under the ring at that width (2 px slots, not 1).
    expect(queuesLayout(589, 1, 32768).raster!.cell).toBe(2);
  });

  it('the single queue gets a raster of all 32768 slots, 256 per row', () => {
    const l = queuesLayout(1100, 1, 32768);
    expect(l.grid).toBeNull();
    expect(l.raster!.cols).toBe(256);
    expect(l.raster!.rows).toBe(128);
    expect(l.raster!.x + l.raster!.cols * l.raster!.cell).toBeLessThanOrEqual(1100);
    expect(l.height).toBeGreaterThanOrEqual(l.raster!.y + l.raster!.rows * l.raster!.cell);
  });
});
