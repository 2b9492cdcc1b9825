// Interventions at the current moment (a history fork): stop unmapping on some CPUs for a while,
// move the load from one CPU to another, or switch the unmap mode. The run up to the moment is kept
// and the rest is re-simulated with the change (src/sim/history.ts); the scenario, and so the URL,
// gains the intervention with its exact time. The scenario controls above restart the run instead:
// the text says which is which.

import { useState } from 'react';
import type { Intervention, Scenario } from '../sim/scenario.ts';
import { useLab } from './labContext.ts';
import { fmtMoment } from './PlaybackBar.tsx';
import { usePlayback, usePlaybackCtx } from './playbackContext.ts';

/** "1-3,7" -> [1, 2, 3, 7]; null if malformed or out of [0, cpus). */
export function parseCpuList(text: string, cpus: number): number[] | null {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const m = /^\s*(\d+)\s*(?:[-–]\s*(\d+)\s*)?$/.exec(part);
    if (!m) return null;
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (b < a || b >= cpus) return null;
    for (let c = a; c <= b; c++) out.add(c);
  }
  return out.size ? [...out].sort((x, y) => x - y) : null;
}

/** One line per intervention, for the list under the form. */
export function describeIntervention(x: Intervention): string {
  const at = `at ${fmtMoment(Math.round(x.atMs * 1e6))}`;
  if (x.kind === 'pause') return `${at}: CPUs ${compactCpus(x.cpus)} stop unmapping for ${x.forMs} ms`;
  if (x.kind === 'mode') return `${at}: switch to ${x.mode} mode`;
  if (x.kind === 'sizes') return `${at}: the size mix becomes ${x.sizes.map((z) => `${z.pages}×4 KiB (weight ${z.weight})`).join(', ')}`;
  if (x.kind === 'burst') return `${at}: CPU ${x.cpu} maps ${x.count} × ${x.pages}×4 KiB and unmaps them ${x.holdMs} ms later`;
  return `${at}: the load of CPU ${x.from} moves to CPU ${x.to}`;
}

/** "1:3,16:1" as a size mix (pages of 4 KiB : weight), or null if it is not one. */
export function parseSizeMix(text: string): { pages: number; weight: number }[] | null {
  const parts = text.split(',').map((p) => p.trim().split(':'));
  if (parts.length === 0 || parts.length > 16) return null;
  const out = parts.map(([a, b, ...rest]) => ({ pages: Number(a), weight: Number(b), ok: rest.length === 0 && b !== undefined && a.trim() !== '' && b.trim() !== '' }));
  if (!out.every((x) => x.ok && Number.isInteger(x.pages) && x.pages >= 1 && x.pages <= 65536 && x.weight >= 0.001 && x.weight <= 1e6)) return null;
  return out.map(({ pages, weight }) => ({ pages, weight }));
}

function compactCpus(cpus: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < cpus.length; ) {
    let j = i;
    while (j + 1 < cpus.length && cpus[j + 1] === cpus[j] + 1) j++;
    parts.push(j > i ? `${cpus[i]}–${cpus[j]}` : String(cpus[i]));
    i = j + 1;
  }
  return parts.join(', ');
}

const MODES: Scenario['mode'][] = ['strict', 'lazy', 'passthrough'];

export function Interventions() {
  const { ctl } = usePlaybackCtx();
  const cpus = useLab((s) => s.scenario.cpus);
  const list = useLab((s) => s.scenario.interventions);
  const settledT = usePlayback((s) => (s.status === 'paused' && s.view ? s.view.t : null));
  const ready = usePlayback((s) => s.view !== null && (s.status === 'paused' || s.status === 'playing'));
  const [pauseCpus, setPauseCpus] = useState('1-3');
  const [pauseMs, setPauseMs] = useState('5');
  const [from, setFrom] = useState('0');
  const [to, setTo] = useState('1');
  const [mode, setMode] = useState<Scenario['mode']>('strict');
  const [mix, setMix] = useState('64:1');
  const [error, setError] = useState<string | null>(null);
  const applyLabel = settledT !== null ? `Apply at t = ${fmtMoment(settledT)}` : 'Apply now';

  const apply = (make: () => Parameters<typeof ctl.applyNow>[0] | string) => {
    const spec = make();
    if (typeof spec === 'string') {
      setError(spec);
      return;
    }
    setError(null);
    ctl.applyNow(spec);
  };

  return (
    <details className="interventions">
      <summary>Interventions at the current moment{list.length > 0 ? ` (${list.length} in this scenario)` : ''}</summary>
      <fieldset aria-describedby="iv-what">
        <legend className="sr-only">Interventions at the current moment</legend>
        <p className="hint" id="iv-what">
          Applying one keeps the run up to now and re-simulates the rest with the change (a history fork); it is added to
          the scenario and the URL. Changing a scenario control above restarts the run from t = 0 and returns to the same
          moment.
        </p>
        <div className="iv-row">
          <label htmlFor="iv-pause-cpus">Stop unmapping on CPUs</label>
          <input id="iv-pause-cpus" type="text" value={pauseCpus} onChange={(e) => setPauseCpus(e.target.value)} aria-describedby="iv-pause-hint" />
          <label htmlFor="iv-pause-ms">for (ms)</label>
          <input id="iv-pause-ms" type="number" min={0.001} step="any" value={pauseMs} onChange={(e) => setPauseMs(e.target.value)} />
          <button
            type="button"
            disabled={!ready}
            aria-label={`Pause unmaps: ${applyLabel}`}
            onClick={() =>
              apply(() => {
                const chosen = parseCpuList(pauseCpus, cpus);
                const ms = Number(pauseMs);
                if (!chosen) return `CPUs: write a list such as 1-3,7 of CPUs 0 – ${cpus - 1}`;
                if (!(ms >= 0.001 && ms <= 600000)) return 'for (ms): enter a duration from 0.001 to 600000';
                return { kind: 'pause', forMs: ms, cpus: chosen };
              })
            }
          >
            {applyLabel}
          </button>
          <span className="hint" id="iv-pause-hint">
            e.g. 1-3,7
          </span>
        </div>
        <div className="iv-row">
          <label htmlFor="iv-from">Move the load of CPU</label>
          <input id="iv-from" type="number" min={0} max={cpus - 1} step={1} value={from} onChange={(e) => setFrom(e.target.value)} />
          <label htmlFor="iv-to">to CPU</label>
          <input id="iv-to" type="number" min={0} max={cpus - 1} step={1} value={to} onChange={(e) => setTo(e.target.value)} />
          <button
            type="button"
            disabled={!ready}
            aria-label={`Migrate the load: ${applyLabel}`}
            onClick={() =>
              apply(() => {
                const a = Number(from);
                const b = Number(to);
                const ok = (c: number) => Number.isInteger(c) && c >= 0 && c < cpus;
                if (!ok(a) || !ok(b)) return `CPUs: enter CPUs 0 – ${cpus - 1}`;
                return { kind: 'migrate', from: a, to: b };
              })
            }
          >
            {applyLabel}
          </button>
        </div>
        <div className="iv-row">
          <label htmlFor="iv-mode">Switch mode to</label>
          <select id="iv-mode" value={mode} onChange={(e) => setMode(e.target.value as Scenario['mode'])}>
            {MODES.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
          <button type="button" disabled={!ready} aria-label={`Switch mode: ${applyLabel}`} onClick={() => apply(() => ({ kind: 'mode', mode }))}>
            {applyLabel}
          </button>
        </div>
        <div className="iv-row">
          <label htmlFor="iv-sizes">Change the size mix to</label>
          <input id="iv-sizes" type="text" value={mix} onChange={(e) => setMix(e.target.value)} aria-describedby="iv-sizes-hint" />
          <button
            type="button"
            disabled={!ready}
            aria-label={`Change the size mix: ${applyLabel}`}
            onClick={() =>
              apply(() => {
                const sizes = parseSizeMix(mix);
                return sizes ? { kind: 'sizes', sizes } : 'size mix: write pages:weight pairs such as 1:3,16:1 (pages of 4 KiB, 1 – 65536; up to 16 pairs)';
              })
            }
          >
            {applyLabel}
          </button>
          <span className="hint" id="iv-sizes-hint">
            pages:weight, e.g. 1:3,16:1
          </span>
        </div>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        {list.length > 0 && (
          <ul className="iv-list" aria-label="Interventions in this scenario">
            {list.map((x, i) => (
              <li key={i}>{describeIntervention(x)}</li>
            ))}
          </ul>
        )}
      </fieldset>
    </details>
  );
}
