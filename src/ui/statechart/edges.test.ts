// A statechart readable on a projector (issue 18): edge labels at least 11 px, no two label boxes
// overlapping, and every arrow (its hull) and label inside the viewBox, for both machines.

import { describe, expect, it } from 'vitest';
import { machineGraph, type MachineName } from '../../machines/graph.ts';
import { chartEdges, LABEL_FONT } from './edges.ts';
import { LAYOUTS, type Box } from './layout.ts';

const overlap = (a: Box, b: Box) => a.w > 0 && b.w > 0 && a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe.each(['cpuFlushQueue', 'flushTimer'] as MachineName[])('%s edges', (m) => {
  const L = LAYOUTS[m];
  const edges = chartEdges(machineGraph(m), L);

  it('labels are at least 11 px', () => {
    expect(LABEL_FONT).toBeGreaterThanOrEqual(11);
  });

  it('no two edge labels overlap', () => {
    const bad: string[] = [];
    for (let i = 0; i < edges.length; i++)
      for (let j = i + 1; j < edges.length; j++) if (overlap(edges[i].labelBox, edges[j].labelBox)) bad.push(`${edges[i].lines.join(' ')} / ${edges[j].lines.join(' ')}`);
    expect(bad).toEqual([]);
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
