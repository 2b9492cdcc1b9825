// A finished sweep's results (SweepDialog.tsx): a chart per number (IOPS, stale window, lock wait;
// mean and 95 % interval with seeds), a table of every point, and for the counter-reuse comparison
// the per-seed distribution of the IOPS change beside John Garry's reported +2.4 % (issue 20).

import type { PointRuns } from '../sim/sweep/output.ts';
import { SweepChart } from './SweepChart.tsx';
import { CHART_FIELDS, JOHN_GAIN, pointViews, reuseDistribution, type PointView, type Value } from './sweepView.ts';

const pct = (x: number): string => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(2)} %`;
const cell = (v: Value | undefined, n: number): string =>
  v === undefined ? '—' : n > 1 ? `${Math.round(v.mean).toLocaleString('en')} [${Math.round(v.lo).toLocaleString('en')}, ${Math.round(v.hi).toLocaleString('en')}]` : Math.round(v.mean).toLocaleString('en');

export function SweepResults({ rows, keys }: { rows: readonly PointRuns[]; keys: readonly string[] }) {
  const views = pointViews(rows);
  const reuse = reuseDistribution(rows);
  const [xKey, seriesKey] = keys;
  return (
    <div className="sweep-results" data-testid="sweep-results">
      {reuse && <ReuseDistribution d={reuse} />}
      <div className="sweep-charts">
        {CHART_FIELDS.map((c) => (
          <SweepChart key={c.field} points={views} xKey={xKey} seriesKey={seriesKey} field={c.field} label={c.label} />
        ))}
      </div>
      <table className="sweep-table" data-testid="sweep-table">
        <caption>Each point{views.some((v) => v.runs > 1) ? ': mean [95 % interval] over its seeds (min–max for two)' : ''}</caption>
        <thead>
          <tr>
            {keys.map((k) => (
              <th key={k} scope="col">
                {k}
              </th>
            ))}
            <th scope="col">runs</th>
            {CHART_FIELDS.map((c) => (
              <th key={c.field} scope="col">
                {c.label}
              </th>
            ))}
            <th scope="col">verdict</th>
          </tr>
        </thead>
        <tbody>
          {views.map((v: PointView) => (
            <tr key={v.index}>
              {keys.map((k) => (
                <td key={k}>{v.params[k]}</td>
              ))}
              <td>{v.n === v.runs ? v.n : `${v.n} of ${v.runs}`}</td>
              {CHART_FIELDS.map((c) => (
                <td key={c.field}>{cell(v.values?.[c.field], v.n)}</td>
              ))}
              <td>{v.errors.length ? `${v.verdict} (${v.errors.join('; ')})` : v.verdict}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ReuseDistribution({ d }: { d: NonNullable<ReturnType<typeof reuseDistribution>> }) {
  const xs = d.changes.map((c) => c.change);
  const lo = Math.min(-0.05, ...xs, JOHN_GAIN);
  const hi = Math.max(0.05, ...xs, JOHN_GAIN);
  const W = 360;
  const x = (v: number) => 10 + ((v - lo) / (hi - lo)) * (W - 20);
  return (
    <figure className="sweep-reuse" data-testid="sweep-reuse">
      <svg viewBox={`0 0 ${W} 60`} width={W} height={60} role="img" aria-label="IOPS change with counter reuse, one dot per seed">
        <line x1={10} x2={W - 10} y1={30} y2={30} stroke="#888" />
        <line x1={x(0)} x2={x(0)} y1={18} y2={42} stroke="#888" />
        <text x={x(0)} y={54} fontSize="10" textAnchor="middle">
          0
        </text>
        <line x1={x(JOHN_GAIN)} x2={x(JOHN_GAIN)} y1={12} y2={48} stroke="#dc2626" strokeDasharray="3 2" />
        <text x={x(JOHN_GAIN)} y={10} fontSize="10" textAnchor="middle" fill="#dc2626">
          John Garry +2.4 %
        </text>
        {d.changes.map((c, i) => (
          <circle key={c.seed} cx={x(c.change)} cy={26 + (i % 3) * 4} r={3} fill="#2563eb">
            <title>{`seed ${c.seed}: ${pct(c.change)}`}</title>
          </circle>
        ))}
      </svg>
      <figcaption>
        IOPS with counter reuse on vs off, per seed (n = {d.spread.n}): mean {pct(d.spread.mean)}, sd {(d.spread.sd * 100).toFixed(2)} points, min{' '}
        {pct(d.spread.min)}, max {pct(d.spread.max)}; {d.up} seeds up, {d.down} down. John Garry reported +2.4 % on his machine; the review found one
        saved read of the shared counter per ~255 unmaps, and the behavioural channel Robin Murphy named (the timer freeing entries queued after
        its own flush, <code>freesByTimerAfterFlush</code>) opens only when timeouts last milliseconds. A spread wider than the mean says the seed,
        not the change, decides a single run.
      </figcaption>
    </figure>
  );
}
