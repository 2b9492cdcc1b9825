// The arrows of a statechart with their labels, as geometry: transitions between the same two
// states share one arrow, a state's targetless transitions share one loop, labels are joined. Pure,
// so edges.test.ts can check what a projector shows: labels ≥ 11 px that do not overlap, and every
// arrow inside the viewBox (issue 18).

import type { MachineGraph } from '../../machines/graph.ts';
import { arrow, edgeLabel, type Box, type ChartLayout, type Point } from './layout.ts';

/** Edge label font size (SVG user units = CSS px at the chart's natural width). */
export const LABEL_FONT = 11;
export const LABEL_LINE = 14;
/** Width of one character of the label font (DejaVu Sans averages ~0.6 em). */
const CHAR_W = LABEL_FONT * 0.6;

export interface ChartEdge {
  key: string;
  source: string;
  target: string | null;
  lines: string[];
  d: string;
  label: Point;
  /** The label's background box (empty lines: zero size). */
  labelBox: Box;
  /** The path's end and control points: the curve lies inside their hull. */
  hull: Point[];
}

export function chartEdges(graph: MachineGraph, layout: ChartLayout): ChartEdge[] {
  const groups = new Map<string, { source: string; target: string | null; labels: string[] }>();
  for (const t of graph.transitions) {
    const siblings = graph.transitions.filter((u) => u.source === t.source && u.event === t.event).length;
    const label = edgeLabel(t, siblings);
    for (const target of t.targets.length ? t.targets : [null]) {
      const key = `${t.source}>${target ?? 'loop'}`;
      const g = groups.get(key) ?? { source: t.source, target, labels: [] };
      g.labels.push(label);
      groups.set(key, g);
    }
  }
  const out: ChartEdge[] = [];
  for (const [key, g] of groups) {
    const a = layout.boxes[g.source];
    const b = g.target === null ? null : layout.boxes[g.target];
    if (!a || b === undefined) continue;
    const bend = layout.bends?.[key];
    const { d, label } = arrow(a, b, bend);
    const lines = joinLabels(g.labels);
    const w = lines.length ? Math.max(...lines.map((l) => l.length)) * CHAR_W + 6 : 0;
    const h = lines.length ? lines.length * LABEL_LINE + 2 : 0;
    const nums = (d.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);
    const hull: Point[] = [];
    for (let i = 0; i + 1 < nums.length; i += 2) hull.push({ x: nums[i], y: nums[i + 1] });
    out.push({ key, source: g.source, target: g.target, lines, d, label, labelBox: { x: label.x - w / 2, y: label.y - h / 2, w, h }, hull });
  }
  return out;
}

/** Labels of one arrow: 'e [g1]' and 'e [g2]' become 'e [g1 | g2]'; long joins wrap onto two lines. */
export function joinLabels(labels: string[]): string[] {
  const parts = labels.filter(Boolean);
  if (parts.length === 0) return [];
  const m = parts.map((p) => /^(\S+) \[(.*)\]$/.exec(p));
  if (parts.length > 1 && m.every((x) => x && x[1] === m[0]![1])) return [m[0]![1], `[${m.map((x) => x![2]).join(' | ')}]`];
  const one = parts.join(' · ');
  return one.length <= 30 || parts.length === 1 ? [one] : parts;
}
