// The A/B compare (issue 16), shown under the playback bar when the link has `cmp`: what B is
// (A with its differences), where each run is at the shared moment (event indices differ between
// the runs: one clock, two histories), the four compared charts overlaid or as B − A, and every
// summary number as A, B and B − A (src/sim/compareSummary.ts). A button leaves the compare.

import { memo, useState } from 'react';
import { useStore } from 'zustand';
import { compareSummaries, type CompareRow } from '../../sim/compareSummary.ts';
import type { Summary } from '../../sim/run.ts';
import { leaveCompare } from '../../store/labStore.ts';
import { describeCmp, scenarioB } from '../../url/compare.ts';
import { fmtInt, fmtT } from '../../panels/format.ts';
import { COMPARE } from '../../panels/palette.ts';
import { useLab, useLabStore } from '../labContext.ts';
import { usePlayback } from '../playbackContext.ts';
import { CompareChart } from './CompareChart.tsx';
import { COMPARE_CHARTS, type CompareMode } from './chartData.ts';
import type { CompareSide } from '../compareDriver.ts';
import { useCompareSide } from './context.ts';
import './compare.css';

const num = (v: CompareRow['a']): string =>
  v === null ? '—' : typeof v === 'number' ? (Number.isInteger(v) ? fmtInt(v) : v.toPrecision(6).replace(/\.?0+$/, '')) : String(v);

const signed = (v: number | null): string => (v === null ? '' : v > 0 ? `+${num(v)}` : num(v));

/** Memoised: the summaries change a few times a second at most, the moment every frame. */
const CompareTable = memo(function CompareTable({ a, b }: { a: Summary; b: Summary }) {
  const rows = compareSummaries(a, b);
  return (
    // A scrolling region: focusable, so a keyboard user can scroll it too (axe scrollable-region-focusable).
    <div className="compare-table-wrap" tabIndex={0} role="region" aria-label="Every summary number: A, B and B − A">
      <table className="compare-table" data-testid="compare-table">
        <caption>Every summary number: A, B and B − A</caption>
        <thead>
          <tr>
            <th scope="col">number</th>
            <th scope="col">A</th>
            <th scope="col">B</th>
            <th scope="col">B − A</th>
            <th scope="col">B / A − 1</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-key={r.key} className={r.delta !== null && r.delta !== 0 ? 'differs' : undefined}>
              <th scope="row">{r.key}</th>
              <td>{num(r.a)}</td>
              <td>{num(r.b)}</td>
              <td>{signed(r.delta)}</td>
              <td>{r.relative === null ? '' : `${r.relative > 0 ? '+' : ''}${(r.relative * 100).toFixed(1)} %`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});

/** The B side: its moment and event index, its charts and table once its series and summary exist. */
function CompareBody({ side, mode }: { side: CompareSide; mode: CompareMode }) {
  const aView = usePlayback((s) => s.view);
  const aStep = usePlayback((s) => s.step);
  const aSeries = usePlayback((s) => s.series);
  const aResult = useLab((s) => s.result);
  const aStatus = useLab((s) => s.status);
  const bView = useStore(side.pb, (s) => s.view);
  const bStep = useStore(side.pb, (s) => s.step);
  const bStatus = useStore(side.pb, (s) => s.status);
  const bError = useStore(side.pb, (s) => s.error);
  const bSeries = useStore(side.pb, (s) => s.series);
  const bResult = useStore(side.lab, (s) => s.result);
  const bRunId = useStore(side.lab, (s) => s.runId);
  const bRunStatus = useStore(side.lab, (s) => s.status);
  const t = aView?.t ?? null;
  const together = t !== null && bView !== null && bView.t === t && bStatus === 'paused';
  const bDone = bRunStatus === 'done' && bResult?.runId === bRunId;
  const ready = together && bDone && aStatus === 'done';
  return (
    <div data-b-ready={ready ? '1' : undefined}>
      <p className="compare-moment" data-testid="compare-moment">
        {t === null ? (
          'A is loading…'
        ) : bView === null ? (
          bStatus === 'error' ? `B failed: ${bError ?? 'the worker stopped'}` : 'B starts after A’s first picture: simulating B…'
        ) : (
          <>
            At <strong data-testid="compare-t">{fmtT(t)}</strong>: A at event <span data-testid="compare-a-step">{fmtInt(aStep)}</span>, B at event{' '}
            <span data-testid="compare-b-step">{fmtInt(bStep)}</span>
            {together ? '' : ` (B at ${fmtT(bView.t)}, catching up)`}. One clock drives both runs; their event indices differ because the runs
            differ.
          </>
        )}
      </p>
      {aSeries && bSeries ? (
        <div className="compare-charts">
          {COMPARE_CHARTS.map((def) => (
            <CompareChart key={def.id} def={def} a={aSeries} b={bSeries} mode={mode} t={t} />
          ))}
        </div>
      ) : null}
      {aResult && bResult && bResult.runId === bRunId ? (
        <>
          {(aResult.partial || bResult.partial) && <p className="compare-note">Partial: the runs are still being simulated; the numbers cover what is simulated so far.</p>}
          <CompareTable a={aResult.summary} b={bResult.summary} />
        </>
      ) : null}
    </div>
  );
}

export function CompareView() {
  const lab = useLabStore();
  const side = useCompareSide();
  const cmp = useLab((s) => s.cmp);
  const scenario = useLab((s) => s.scenario);
  const [mode, setMode] = useState<CompareMode>('overlay');
  if (!cmp || !side) return null;
  const b = scenarioB(scenario, cmp, { memory: true });
  return (
    <section className="compare" aria-labelledby="compare-h" data-testid="compare">
      <div className="compare-head">
        <h2 id="compare-h">Compare</h2>
        <span className="compare-key">
          <span className="swatch-line" style={{ borderColor: COMPARE.a }} /> A: this scenario
        </span>
        <span className="compare-key" data-testid="compare-b">
          <span className="swatch-line dashed" style={{ borderColor: COMPARE.b }} /> B: A with <code>{describeCmp(cmp)}</code>
        </span>
        <fieldset className="compare-mode">
          <legend>Charts</legend>
          <label>
            <input type="radio" name="compare-mode" checked={mode === 'overlay'} onChange={() => setMode('overlay')} /> A and B
          </label>
          <label>
            <input type="radio" name="compare-mode" checked={mode === 'delta'} onChange={() => setMode('delta')} /> B − A
          </label>
        </fieldset>
        <button type="button" className="compare-leave" onClick={() => leaveCompare(lab)}>
          Leave compare
        </button>
      </div>
      {b.error ? (
        <p className="compare-error" role="alert">
          cmp: {b.error}. Change A or leave the compare.
        </p>
      ) : (
        <>
          {JSON.stringify(b.scenario) === JSON.stringify(scenario) && (
            <p className="compare-note" data-testid="compare-same">
              B is the same scenario as A (A already has {describeCmp(cmp)}): both runs are equal.
            </p>
          )}
          <CompareBody side={side} mode={mode} />
        </>
      )}
    </section>
  );
}
