// The page's sweep (issue 16; README "Sweeps on the page"): one parameter's values × modes × seeds
// over the scenario on screen, each run a whole run of the exact engine in a pool of Web Workers
// (src/worker/sweepPool.ts) sized from navigator.hardwareConcurrency; a progress bar per run and
// overall; Cancel terminates the workers; results as charts and a table, and the CLI's CSV. The
// counter-reuse button beside the toggle (Controls.tsx) opens it as cr=0,1 × seeds 1–10 and the
// distribution of the IOPS change is shown beside John Garry's reported +2.4 % (issue 20).

import { useEffect, useRef, useState } from 'react';
import { parseSeeds } from '../sim/seedSpread.ts';
import { sweepCsv } from '../sim/sweep/output.ts';
import type { RunNumbers } from '../sim/sweep/aggregate.ts';
import type { Settled } from '../sim/sweep/output.ts';
import { planSweep, rowsOf, type SweepPlan } from '../sim/sweep/tasks.ts';
import { KERNEL_IDS } from '../sim/kernel/versions.ts';
import { pointLabel, sweepPoints, type Dimension, type Point } from '../url/sweepPoints.ts';
import { poolSize, startSweepPool, type SweepPool, type SweepWorkerLike } from '../worker/sweepPool.ts';
import { saveText } from '../panels/download.ts';
import { exportName } from './exportName.ts';
import { useLab } from './labContext.ts';
import { SweepResults } from './SweepResults.tsx';
import { closeSweep, openSweep, useSweepRequest, type SweepPrefill } from './sweepOpen.ts';
import './sweep.css';

/** The parameters the issue names, as link keys; a size mix's values are separated by '|'. */
const PARAMS = [
  { key: 'cpus', label: 'CPUs', eg: '2,4,8,16' },
  { key: 'qd', label: 'Queue depth', eg: '1,4,16,64' },
  { key: 'fq', label: 'FQ size (slots)', eg: '64,256,1024' },
  { key: 'fqt', label: 'FQ timeout (ms)', eg: '1,10,100' },
  { key: 'depot', label: 'Depot size (magazines)', eg: '8,32,128' },
  { key: 'sz', label: 'Size mix (pages:weight, mixes separated by |)', eg: '1:1|1:3,8:1|1:1,64:1' },
  { key: 'kv', label: 'Kernel version', eg: KERNEL_IDS.join(',') },
  { key: 'cr', label: 'Counter reuse (0/1)', eg: '0,1' },
] as const;
const MODES = ['lazy', 'strict', 'passthrough'] as const;

/** A copy of `xs` with `xs[i] = v` (state is replaced, never changed in place). */
const put = <T,>(xs: readonly T[], i: number, v: T): T[] => {
  const out = xs.slice();
  out[i] = v;
  return out;
};

const spawnWorker = (): SweepWorkerLike => new Worker(new URL('../worker/sweep.worker.ts', import.meta.url), { type: 'module' }) as unknown as SweepWorkerLike;

interface Running {
  plan: SweepPlan<Point>;
  keys: string[];
  jobs: number;
  progress: number[];
  results: (Settled<RunNumbers> | undefined)[];
  status: 'running' | 'done' | 'cancelled';
  wallMs?: number;
}

export function SweepButton() {
  return (
    <button type="button" data-testid="sweep-open" onClick={() => openSweep('free')} title="Run one parameter's values × modes × seeds in Web Workers">
      Sweep
    </button>
  );
}

export function SweepDialog() {
  const req = useSweepRequest();
  if (!req.open) return null;
  return <SweepBody key={req.serial} prefill={req.prefill} />;
}

function SweepBody({ prefill }: { prefill: SweepPrefill }) {
  const scenario = useLab((s) => s.scenario);
  const preset = useLab((s) => s.preset);
  const reuse = prefill === 'counter-reuse';
  const [key, setKey] = useState<string>(reuse ? 'cr' : 'cpus');
  const [values, setValues] = useState<string>(reuse ? '0,1' : PARAMS[0].eg);
  const [modes, setModes] = useState<string[]>(reuse ? [] : ['lazy', 'strict']);
  const [seeds, setSeeds] = useState(reuse ? '1-10' : '');
  const [workers, setWorkers] = useState(String(poolSize(navigator.hardwareConcurrency, Number.MAX_SAFE_INTEGER)));
  const [errors, setErrors] = useState<string[]>([]);
  const [run, setRun] = useState<Running | null>(null);
  const pool = useRef<SweepPool | null>(null);
  // Leaving the view stops its workers: nothing runs unseen.
  useEffect(() => () => pool.current?.cancel(), []);

  const start = () => {
    const errs: string[] = [];
    const sep = key === 'sz' ? '|' : ',';
    const vals = values.split(sep).map((v) => v.trim());
    if (vals.some((v) => v === '')) errs.push(`values: an empty value in "${values}"; expected V1${sep}V2…`);
    const dims: Dimension[] = [{ key, values: [...new Set(vals)] }];
    if (modes.length) dims.push({ key: 'mode', values: modes });
    let seedList: number[] | undefined;
    try {
      seedList = seeds.trim() === '' ? undefined : parseSeeds(seeds);
    } catch (e) {
      errs.push((e as Error).message);
    }
    if (seedList && seedList.length > 1000) errs.push(`seeds: ${seedList.length} seeds; the page runs at most 1000 (the CLI runs more)`);
    const asked = Number(workers);
    if (!Number.isInteger(asked) || asked < 1 || asked > 64) errs.push(`workers: "${workers}" is not a whole number from 1 to 64`);
    const built = errs.length ? { points: [], errors: [] } : sweepPoints({ scenario, preset }, dims, 'sweep');
    errs.push(...built.errors);
    const plan = planSweep(built.points, seedList);
    if (!errs.length && plan.tasks.length > 2000) errs.push(`sweep: ${plan.tasks.length} runs; the page runs at most 2000 (use the CLI's --sweep)`);
    setErrors(errs);
    if (errs.length) return;
    const jobs = poolSize(navigator.hardwareConcurrency, plan.tasks.length, asked);
    const t0 = performance.now();
    const state: Running = { plan, keys: dims.map((d) => d.key), jobs, progress: plan.tasks.map(() => 0), results: plan.tasks.map(() => undefined), status: 'running' };
    setRun(state);
    const p = startSweepPool(plan.tasks, jobs, spawnWorker, {
      onProgress: (i, f) => setRun((r) => (r && r.plan === plan ? { ...r, progress: put(r.progress, i, f) } : r)),
      onSettled: (i, res) => setRun((r) => (r && r.plan === plan ? { ...r, progress: put(r.progress, i, 1), results: put(r.results, i, res) } : r)),
    });
    pool.current = p;
    void p.done.then(({ results, cancelled }) => {
      setRun((r) => (r && r.plan === plan ? { ...r, results, status: cancelled ? 'cancelled' : 'done', wallMs: performance.now() - t0 } : r));
    });
  };

  const cancel = () => pool.current?.cancel();
  const rows = run && run.status !== 'running' ? rowsOf(run.plan, run.results as Settled<RunNumbers>[]) : undefined;
  const total = run ? run.progress.reduce((a, b) => a + b, 0) : 0;
  const finished = run ? run.results.filter(Boolean).length : 0;

  return (
    <section className="sweep" aria-labelledby="sweep-h" data-testid="sweep" data-status={run?.status ?? 'idle'}>
      <header className="sweep-head">
        <h2 id="sweep-h">{reuse && key === 'cr' ? 'Counter reuse over seeds' : 'Sweep'}</h2>
        <button type="button" onClick={() => closeSweep()} aria-label="Close the sweep">
          Close
        </button>
      </header>
      <p className="sweep-what">
        Over the scenario on screen ({preset}{scenario.mode ? `, ${scenario.mode}` : ''}, {scenario.durationMs} ms): each run is a whole run of the exact engine,
        the same as <code>npm run sim -- --sweep</code> gives (same trace hashes).
      </p>
      <form className="sweep-form" onSubmit={(e) => (e.preventDefault(), run?.status !== 'running' && start())}>
        <label>
          Parameter{' '}
          <select data-testid="sweep-param" value={key} onChange={(e) => (setKey(e.target.value), setValues(PARAMS.find((p) => p.key === e.target.value)?.eg ?? ''))}>
            {PARAMS.map((p) => (
              <option key={p.key} value={p.key}>
                {p.label} ({p.key})
              </option>
            ))}
          </select>
        </label>
        <label>
          Values <input data-testid="sweep-values" value={values} onChange={(e) => setValues(e.target.value)} size={24} />
        </label>
        <fieldset>
          <legend>× modes (none: the scenario's)</legend>
          {MODES.map((m) => (
            <label key={m}>
              <input type="checkbox" checked={modes.includes(m)} onChange={(e) => setModes(e.target.checked ? MODES.filter((x) => x === m || modes.includes(x)) : modes.filter((x) => x !== m))} /> {m}
            </label>
          ))}
        </fieldset>
        <label>
          Seeds <input data-testid="sweep-seeds" value={seeds} onChange={(e) => setSeeds(e.target.value)} placeholder={`the scenario's (${scenario.seed})`} size={10} />
        </label>
        <label>
          Workers <input data-testid="sweep-workers" value={workers} onChange={(e) => setWorkers(e.target.value)} size={3} inputMode="numeric" />
        </label>
        <button type="submit" data-testid="sweep-run" disabled={run?.status === 'running'}>
          Run
        </button>
        <button type="button" data-testid="sweep-cancel" onClick={cancel} disabled={run?.status !== 'running'}>
          Cancel
        </button>
      </form>
      {errors.length > 0 && (
        <ul className="sweep-errors" role="alert">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
      {run && (
        <div className="sweep-progress">
          <p aria-live="polite" data-testid="sweep-status">
            {run.status === 'running' && `${finished} of ${run.plan.tasks.length} runs finished on ${run.jobs} worker${run.jobs === 1 ? '' : 's'}`}
            {run.status === 'done' && `${run.plan.tasks.length} runs finished on ${run.jobs} worker${run.jobs === 1 ? '' : 's'} in ${((run.wallMs ?? 0) / 1000).toFixed(1)} s`}
            {run.status === 'cancelled' && `Cancelled: the workers were stopped; ${run.results.filter((r) => r?.ok).length} of ${run.plan.tasks.length} runs had finished`}
          </p>
          <progress data-testid="sweep-overall" max={run.plan.tasks.length} value={total} aria-label="All runs" />
          <details open={run.plan.tasks.length <= 24}>
            <summary>Each run</summary>
            {/* Scrollable, so it takes the keyboard focus (axe scrollable-region-focusable). */}
            <ol className="sweep-runs" tabIndex={0} aria-label="Progress of each run">
              {run.plan.tasks.map((_, i) => {
                const o = run.plan.owner[i];
                const what = `${pointLabel(run.plan.points[o.point].params)} seed ${o.seed}`;
                const r = run.results[i];
                return (
                  <li key={i}>
                    <progress max={1} value={run.progress[i]} aria-label={what} /> {what}
                    {r && (r.ok ? ` — ${r.value.iops} IOPS, ${r.value.verdict}` : ` — ${r.error}`)}
                  </li>
                );
              })}
            </ol>
          </details>
        </div>
      )}
      {rows && run && (
        <>
          <button type="button" data-testid="sweep-csv" onClick={() => saveText(exportName(scenario, preset, 'sweep', undefined, 'csv'), sweepCsv(rows, run.keys), 'text/csv')}>
            Download CSV
          </button>
          <SweepResults rows={rows} keys={run.keys} />
        </>
      )}
    </section>
  );
}
