// Trace import on the page (issue 17): "Import trace…" (a file picker), "Try an example trace"
// (public/examples/, one click), a drop anywhere on the page; while a file is read (in the import
// worker), a progress bar with Cancel; a refused file, one message (the scenario, moment and view
// are untouched). The report of an imported trace is ImportReport.tsx.

import { useEffect, useRef, type ChangeEvent } from 'react';
import { importFailed } from '../store/importActions.ts';
import { fmtInt } from './format.ts';
import { useImports } from './importContext.ts';
import { useLab, useLabStore } from './labContext.ts';
import './import.css';

/** The example trace: a model run written in the kernel's format (src/import/fromModel.ts). */
export const EXAMPLE_TRACE = 'examples/lazy-4cpu.trace.txt';

export function ImportButtons() {
  const ctl = useImports();
  const store = useLabStore();
  const input = useRef<HTMLInputElement>(null);
  const busy = useLab((s) => s.importing !== null);

  const picked = (e: ChangeEvent<HTMLInputElement>): void => {
    const f = e.target.files?.[0];
    if (f) ctl.importFile(f, f.name);
    e.target.value = '';
  };
  const example = async (): Promise<void> => {
    const name = EXAMPLE_TRACE.split('/').pop()!;
    try {
      const r = await fetch(new URL(EXAMPLE_TRACE, document.baseURI));
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      ctl.importFile(await r.blob(), name);
    } catch (err) {
      importFailed(store, `the example trace could not be fetched: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  return (
    <div className="import-actions">
      <button type="button" onClick={() => input.current?.click()} disabled={busy} title="Replay an ftrace / trace-cmd text of iommu and dma events, or open a .fqlab.json bundle (or drop the file on the page)">
        Import trace…
      </button>
      <input ref={input} type="file" hidden data-testid="import-file" aria-label="Trace file to import" onChange={picked} />
      <button type="button" onClick={() => void example()} disabled={busy}>
        Try an example trace
      </button>
    </div>
  );
}

/** A file dropped anywhere on the page is imported. */
export function ImportDrop() {
  const ctl = useImports();
  useEffect(() => {
    const over = (e: DragEvent): void => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    const drop = (e: DragEvent): void => {
      const f = e.dataTransfer?.files[0];
      if (!f) return;
      e.preventDefault();
      ctl.importFile(f, f.name);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [ctl]);
  return null;
}

/** Progress of an import under way, or the message of a refused one. */
export function ImportStatus() {
  const ctl = useImports();
  const store = useLabStore();
  const importing = useLab((s) => s.importing);
  const error = useLab((s) => s.importError);
  if (importing) {
    const pct = importing.total > 0 ? Math.min(100, (100 * importing.bytes) / importing.total) : 0;
    return (
      <div className="import-progress" role="status" data-testid="import-progress">
        <span>
          Reading {importing.name}: {fmtInt(importing.lines)} lines
        </span>
        <progress max={100} value={pct} aria-label={`Import of ${importing.name}`} />
        <button type="button" onClick={() => ctl.cancel()}>
          Cancel
        </button>
      </div>
    );
  }
  if (!error) return null;
  return (
    <div className="alert" role="alert" data-testid="import-error">
      <p className="alert-title">The file was not imported; what was loaded before stays as it was:</p>
      <p>{error}</p>
      <button type="button" onClick={() => importFailed(store, null)}>
        Dismiss
      </button>
    </div>
  );
}
