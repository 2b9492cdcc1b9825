// One chart of a sweep's results (SweepDialog.tsx): the swept values along x (in the order given),
// one series per mode, each point the run's value or, with seeds, the mean with its 95 % interval as
// a bar; the mark's colour is the point's verdict (src/sim/cliff.ts: stable, or anything else).

import type { ChartField, PointView } from './sweepView.ts';

const W = 360;
const H = 170;
const PAD = { l: 64, r: 10, t: 10, b: 34 };
const SERIES = ['#2563eb', '#d97706', '#059669', '#7c3aed'];

const short = (x: number): string =>
  Math.abs(x) >= 1e9 ? `${(x / 1e9).toFixed(2)}G` : Math.abs(x) >= 1e6 ? `${(x / 1e6).toFixed(2)}M` : Math.abs(x) >= 1e3 ? `${(x / 1e3).toFixed(1)}k` : `${Math.round(x)}`;

export function SweepChart({ points, xKey, seriesKey, field, label }: { points: readonly PointView[]; xKey: string; seriesKey?: string; field: ChartField; label: string }) {
  const xs = [...new Set(points.map((p) => p.params[xKey] ?? ''))];
  const series = seriesKey ? [...new Set(points.map((p) => p.params[seriesKey]))] : [''];
  const shown = points.filter((p) => p.values);
  const top = Math.max(1, ...shown.map((p) => p.values![field].hi));
  const x = (v: string) => PAD.l + ((xs.indexOf(v) + 0.5) * (W - PAD.l - PAD.r)) / Math.max(1, xs.length);
  const y = (v: number) => H - PAD.b - (Math.max(0, v) / top) * (H - PAD.t - PAD.b);
  const dx = (s: string) => (series.length > 1 ? (series.indexOf(s) - (series.length - 1) / 2) * 8 : 0);
  return (
    <figure className="sweep-chart" data-field={field}>
      <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={`${label} per swept value`}>
        <line x1={PAD.l} y1={H - PAD.b} x2={W - PAD.r} y2={H - PAD.b} stroke="#888" />
        <line x1={PAD.l} y1={PAD.t} x2={PAD.l} y2={H - PAD.b} stroke="#888" />
        {[0, 0.5, 1].map((f) => (
          <text key={f} x={PAD.l - 4} y={y(top * f) + 4} textAnchor="end" fontSize="10">
            {short(top * f)}
          </text>
        ))}
        {xs.map((v) => (
          <text key={v} x={x(v)} y={H - PAD.b + 14} textAnchor="middle" fontSize="10">
            {v.length > 10 ? `${v.slice(0, 9)}…` : v}
          </text>
        ))}
        <text x={(PAD.l + W) / 2} y={H - 4} textAnchor="middle" fontSize="10">
          {xKey}
        </text>
        {series.map((s, k) => {
          const mine = shown.filter((p) => (seriesKey ? p.params[seriesKey] === s : true));
          const px = (p: PointView) => x(p.params[xKey] ?? '') + dx(s);
          return (
            <g key={s} stroke={SERIES[k % SERIES.length]} fill={SERIES[k % SERIES.length]}>
              <polyline fill="none" points={mine.map((p) => `${px(p)},${y(p.values![field].mean)}`).join(' ')} />
              {mine.map((p) => (
                <g key={p.index}>
                  {p.n > 1 && <line x1={px(p)} x2={px(p)} y1={y(p.values![field].lo)} y2={y(p.values![field].hi)} />}
                  <circle cx={px(p)} cy={y(p.values![field].mean)} r={3.5} fill={p.verdict.startsWith('stable') && !p.verdict.includes('·') ? SERIES[k % SERIES.length] : '#dc2626'}>
                    <title>{`${Object.entries(p.params).map(([a, b]) => `${a}=${b}`).join(' ')}: ${short(p.values![field].mean)}${p.n > 1 ? ` [${short(p.values![field].lo)}, ${short(p.values![field].hi)}]` : ''} — ${p.verdict}`}</title>
                  </circle>
                </g>
              ))}
            </g>
          );
        })}
      </svg>
      <figcaption>
        {label}
        {seriesKey &&
          series.map((s, k) => (
            <span key={s} className="sweep-key" style={{ color: SERIES[k % SERIES.length] }}>
              {' '}
              ● {seriesKey}={s}
            </span>
          ))}
        <span className="sweep-key sweep-key-bad"> ● a run's verdict not stable</span>
      </figcaption>
    </figure>
  );
}
