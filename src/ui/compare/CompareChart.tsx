// One compared chart (issue 16): A and B overlaid (A solid blue, B dashed orange) or B − A (ink,
// with its zero line), over the run's time, with the shared moment as a cursor. SVG, small.

import { useMemo } from 'react';
import { COMPARE, COLOR, GRID, MUTED } from '../../panels/palette.ts';
import type { RunSeries } from '../../store/playback.ts';
import { fmtSi } from '../format.ts';
import { chartLines, type CompareChartDef, type CompareMode } from './chartData.ts';

const W = 290;
const H = 120;
const PAD = { l: 44, r: 8, t: 8, b: 18 };

const STROKE = { a: COMPARE.a, b: COMPARE.b, delta: COMPARE.delta } as const;

/** An SVG path through the points, broken where a point is missing. */
function path(points: readonly (number | null)[], x: (i: number) => number, y: (v: number) => number): string {
  let d = '';
  let pen = false;
  points.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    pen = true;
  });
  return d;
}

export function CompareChart({ def, a, b, mode, t }: { def: CompareChartDef; a: RunSeries; b: RunSeries; mode: CompareMode; t: number | null }) {
  // The lines change with the series (a few times a second while a run is simulated); the cursor
  // moves every frame while playing, so only it is recomputed then.
  const { c, n, y, paths } = useMemo(() => {
    const lines = chartLines(def, a, b, mode);
    const count = Math.max(1, ...lines.lines.map((l) => l.points.length));
    const xOf = (i: number) => PAD.l + ((i + 0.5) / count) * (W - PAD.l - PAD.r);
    const yOf = (v: number) => PAD.t + (1 - (v - lines.min) / (lines.max - lines.min)) * (H - PAD.t - PAD.b);
    return { c: lines, n: count, y: yOf, paths: lines.lines.map((l) => ({ id: l.id, d: path(l.points, xOf, yOf) })) };
  }, [def, a, b, mode]);
  const endNs = n * c.bucketNs;
  const cx = t === null ? null : PAD.l + Math.min(1, Math.max(0, t / endNs)) * (W - PAD.l - PAD.r);
  const title = mode === 'delta' ? `${def.title}, B − A` : def.title;
  return (
    <figure className="compare-chart" data-chart={def.id}>
      <figcaption>
        {title} <span className="unit">({def.unit})</span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={`${title}, ${def.unit}, over the run`}>
        <line x1={PAD.l} x2={W - PAD.r} y1={y(c.max)} y2={y(c.max)} stroke={GRID} />
        <line x1={PAD.l} x2={W - PAD.r} y1={y(0)} y2={y(0)} stroke={mode === 'delta' ? MUTED : GRID} />
        <text x={PAD.l - 4} y={y(c.max) + 4} textAnchor="end" className="compare-tick">
          {fmtSi(c.max)}
        </text>
        <text x={PAD.l - 4} y={y(c.min) + 4} textAnchor="end" className="compare-tick">
          {fmtSi(c.min)}
        </text>
        {paths.map((l) => (
          <path
            key={l.id}
            className={`compare-line compare-line-${l.id}`}
            d={l.d}
            fill="none"
            stroke={STROKE[l.id]}
            strokeWidth={1.5}
            strokeDasharray={l.id === 'b' ? COMPARE.bDash.join(' ') : undefined}
          />
        ))}
        {cx !== null && <line className="compare-cursor" x1={cx} x2={cx} y1={PAD.t} y2={H - PAD.b} stroke={COLOR.cursor} />}
        <text x={PAD.l} y={H - 4} className="compare-tick">
          0
        </text>
        <text x={W - PAD.r} y={H - 4} textAnchor="end" className="compare-tick">
          {fmtSi(endNs / 1e6)} ms
        </text>
      </svg>
    </figure>
  );
}
