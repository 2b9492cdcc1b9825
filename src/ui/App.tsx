// The page: header, URL messages, scenario controls, run status, summary tables and the chart.
// After the newest run's results are on the page (children's effects, including the D3 chart, run
// before this component's), <body data-ready="1"> tells tests the page is quiescent; the runner
// removes it when a new run starts.

import { useEffect } from 'react';
import { Controls } from './Controls.tsx';
import { FlushChart } from './FlushChart.tsx';
import { fontsLoaded } from './fonts.ts';
import { useLab, useLabStore } from './labContext.ts';
import { RunStatus } from './RunStatus.tsx';
import { SummaryTables } from './SummaryTables.tsx';
import { UrlAlert } from './UrlAlert.tsx';

function Results() {
  const result = useLab((s) => s.result);
  const status = useLab((s) => s.status);
  if (!result) return null;
  return (
    <section className={status === 'running' ? 'results stale' : 'results'} aria-labelledby="results-h" aria-busy={status === 'running'}>
      <h2 id="results-h">Results</h2>
      <FlushChart summary={result.summary} series={result.series} />
      <SummaryTables summary={result.summary} />
    </section>
  );
}

export function App() {
  const store = useLabStore();
  const status = useLab((s) => s.status);
  const result = useLab((s) => s.result);

  useEffect(() => {
    document.body.dataset.status = status;
    if (status !== 'done' && status !== 'error') return;
    const runId = store.getState().runId;
    let live = true;
    void fontsLoaded().then(() => {
      if (live && store.getState().runId === runId) document.body.dataset.ready = '1';
    });
    return () => {
      live = false;
    };
  }, [store, status, result]);

  return (
    <>
      <header className="page-header">
        <h1>IOMMU Flush Queue Lab</h1>
        <p className="lede">
          A deterministic simulation of Linux iommu-dma's deferred IOTLB invalidation: per-CPU flush queues, the flush-queue
          timeout, strict versus lazy unmapping, and what each costs in throughput, flushes and stale translations.
        </p>
      </header>
      <main>
        <UrlAlert />
        <section aria-labelledby="scenario-h" className="scenario">
          <h2 id="scenario-h">Scenario</h2>
          <Controls />
        </section>
        <RunStatus />
        <Results />
      </main>
    </>
  );
}
