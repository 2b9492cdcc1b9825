// The page-level export (issue 16): the scenario and the run's summary as JSON (the link's hash
// rides along, so the file reproduces the run), and the per-bucket metrics as CSV with the CLI's
// --metrics columns (src/sim/metricsCsv.ts), computed by a whole run in a Web Worker so the page
// never blocks. Also the file-name provider the panels' export menus use (exportContext.ts).

import { useRef, useState, type ReactNode } from 'react';
import { ExportNameContext } from '../panels/exportContext.ts';
import { saveText } from '../panels/download.ts';
import type { SweepReply, SweepRequest } from '../worker/sweepRun.ts';
import { exportName } from './exportName.ts';
import { hashFor } from './hashSync.ts';
import { useLab, useLabStore } from './labContext.ts';
import { usePlayback } from './playbackContext.ts';

export function ExportNames({ children }: { children: ReactNode }) {
  const scenario = useLab((s) => s.scenario);
  const preset = useLab((s) => s.preset);
  const t = usePlayback((s) => s.view?.t);
  return <ExportNameContext.Provider value={(what, ext) => exportName(scenario, preset, what, t, ext)}>{children}</ExportNameContext.Provider>;
}

export function PageExport() {
  const store = useLabStore();
  const result = useLab((s) => s.result);
  const t = usePlayback((s) => s.view?.t);
  const menu = useRef<HTMLDetailsElement>(null);
  const [note, setNote] = useState('');

  const json = () => {
    menu.current?.removeAttribute('open');
    const s = store.getState();
    const body = { link: hashFor(s), preset: s.preset, scenario: s.scenario, moment_ns: t ?? null, summary: s.result?.summary ?? null, summary_partial: s.result?.partial ?? null };
    saveText(exportName(s.scenario, s.preset, 'scenario', t, 'json'), JSON.stringify(body, null, 2) + '\n', 'application/json');
  };
  const metrics = () => {
    menu.current?.removeAttribute('open');
    const { scenario, preset } = store.getState();
    setNote('Computing the metrics of the whole run…');
    const w = new Worker(new URL('../worker/sweep.worker.ts', import.meta.url), { type: 'module' });
    w.addEventListener('message', (e: MessageEvent<SweepReply>) => {
      if (e.data.type !== 'metrics') return;
      w.terminate();
      if (e.data.ok) {
        saveText(exportName(scenario, preset, 'metrics', undefined, 'csv'), e.data.csv, 'text/csv');
        setNote('');
      } else setNote(`Metrics export failed: ${e.data.error}`);
    });
    w.addEventListener('error', (e) => {
      w.terminate();
      setNote(`Metrics export failed: ${e.message || 'the worker did not load'}`);
    });
    const req: SweepRequest = { type: 'metrics', id: 0, scenario };
    // A worker's postMessage has no target origin (the rule is for window.postMessage).
    // oxlint-disable-next-line unicorn/require-post-message-target-origin
    w.postMessage(req);
  };

  return (
    <details className="export-menu page-export" ref={menu}>
      <summary data-testid="page-export">Export</summary>
      <div className="export-items">
        <button type="button" onClick={json} data-testid="export-json" title="The scenario, its link and the run's summary">
          Scenario + summary (JSON)
        </button>
        <button type="button" onClick={metrics} data-testid="export-metrics" title="The CLI's --metrics columns, one row per bucket">
          Metrics (CSV)
        </button>
      </div>
      {note && (
        <span className="export-note" role="status">
          {note}
        </span>
      )}
      {!result && <span className="sr-only">The summary appears once the run has been simulated.</span>}
    </details>
  );
}
