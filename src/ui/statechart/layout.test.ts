// The drawing cannot drift from the machines: every state has a box inside its parent's box, boxes
// of siblings do not overlap, and every step a transition runs has a kernel label.

import { describe, expect, it } from 'vitest';
import { chartGraph, CHART_NAMES } from './charts.ts';
import { arrow, borderPoint, edgeLabel, LAYOUTS, STEP_LABELS, type Box } from './layout.ts';

const inside = (a: Box, b: Box) => a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h;
const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe.each([...CHART_NAMES])('%s layout', (m) => {
  const g = chartGraph(m);
  const L = LAYOUTS[m];

  it('has a box for every state and none for states that do not exist', () => {
    expect(Object.keys(L.boxes).sort()).toEqual(g.states.map((s) => s.id).sort());
  });

  it('puts every child inside its parent and inside the canvas; siblings do not overlap', () => {
    const canvas = { x: 0, y: 0, w: L.width, h: L.height };
    for (const s of g.states) {
      expect(inside(L.boxes[s.id], s.parent ? L.boxes[s.parent] : canvas), s.id).toBe(true);
      for (const t of g.states) if (t !== s && t.parent === s.parent) expect(overlap(L.boxes[s.id], L.boxes[t.id]), `${s.id} / ${t.id}`).toBe(false);
    }
  });

  it('labels every resume step in kernel words', () => {
    for (const t of g.transitions.filter((x) => x.event === 'resume')) {
      const label = edgeLabel(t, 1);
      expect(label, `${t.source} ${t.actions}`).not.toBe('resume');
      expect(Object.values(STEP_LABELS).some((v) => label.startsWith(v)) || label.startsWith('return'), label).toBe(true);
    }
  });
});

describe('arrow geometry', () => {
  const a = { x: 0, y: 0, w: 100, h: 40 };
  const b = { x: 300, y: 0, w: 100, h: 40 };

  it('leaves and enters boxes on their borders', () => {
    expect(borderPoint(a, { x: 350, y: 20 })).toEqual({ x: 100, y: 20 });
    expect(borderPoint(b, { x: 50, y: 20 })).toEqual({ x: 300, y: 20 });
    expect(arrow(a, b, 0).d).toBe('M100,20 Q200,20 300,20');
  });

  it('bends opposite arrows to opposite sides, and loops a targetless transition on the box', () => {
    const there = arrow(a, b).label;
    const back = arrow(b, a).label;
    expect(Math.sign(there.y - 20)).toBe(-Math.sign(back.y - 20));
    expect(arrow(a, null).d).toMatch(/^M56,0 C/);
  });
});
