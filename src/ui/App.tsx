// The page: header (title, gallery and share), URL messages, then either the preset gallery or the
// lab — scenario controls with interventions, the playback bar, the six panels, the run status and
// the summary of the whole run (chart and tables). The quiescence flag for tests (<body
// data-ready>) is owned by src/ui/quiescence.ts.

import { useEffect } from 'react';
import { PANELS } from '../panels/index.ts';
import { PANEL_IDS, type PanelId } from '../store/labStore.ts';
import { Controls } from './Controls.tsx';
import { FlushChart } from './FlushChart.tsx';
import { fmtMs } from './format.ts';
import { Gallery, GalleryButton } from './Gallery.tsx';
import { useLab, useLabStore } from './labContext.ts';
import { PlaybackBar } from './PlaybackBar.tsx';
import { usePlaybackCtx } from './playbackContext.ts';
import { RunStatus } from './RunStatus.tsx';
import { ShareButton } from './ShareButton.tsx';
import { StatechartPanel } from './StatechartPanel.tsx';
import { SummaryTables } from './SummaryTables.tsx';
import { UrlAlert } from './UrlAlert.tsx';

const PANEL_TITLES: Record<PanelId, string> = {
  queues: 'Flush queues',
  timeline: 'Flush cycles timeline',
  throughput: 'Throughput and the cliff',
  iotlb: 'IOTLB',
  allocator: 'IOVA allocator',
  counters: 'Counters',
};

function Results() {
  const result = useLab((s) => s.result);
  const status = useLab((s) => s.status);
  const durationMs = useLab((s) => s.scenario.durationMs);
  if (!result) return null;
  // While the run is simulated, the numbers are of its first part only: say so, never as final.
  const partial = result.partial;
  return (
    <section className={status === 'running' ? 'results stale' : 'results'} aria-labelledby="results-h" aria-busy={status === 'running'} data-partial={partial ? '1' : undefined}>
      <h2 id="results-h">{partial ? `Partial results: the first ${fmtMs(result.summary.simulatedMs)} of ${fmtMs(durationMs)} ms, still simulating` : 'Results of the whole run'}</h2>
      <FlushChart summary={result.summary} series={result.series} />
      <SummaryTables summary={result.summary} />
    </section>
  );
}

/** The visible panels, in page order; a placeholder for any the panels module does not provide. */
function Panels() {
  const lab = useLabStore();
  const { store } = usePlaybackCtx();
  const visible = useLab((s) => s.panels);
  return (
    <section className="panels-area" aria-label="Panels">
      {PANEL_IDS.filter((id) => visible.includes(id)).map((id) => {
        const def = PANELS.find((p) => p.id === id);
        if (def) return <def.Component key={id} playback={store} lab={lab} />;
        return (
          <section key={id} className="panel-placeholder" aria-label={PANEL_TITLES[id]}>
            <h3>{PANEL_TITLES[id]}</h3>
            <p>This panel is not available yet.</p>
          </section>
        );
      })}
    </section>
  );
}

function Lab() {
  return (
    <>
      <section aria-labelledby="scenario-h" className="scenario">
        <h2 id="scenario-h">Scenario</h2>
        <Controls />
      </section>
      <PlaybackBar />
      <Panels />
      <StatechartPanel />
      <RunStatus />
      <Results />
    </>
  );
}

export function App() {
  const status = useLab((s) => s.status);
  const page = useLab((s) => s.page);

  useEffect(() => {
    document.body.dataset.status = status;
  }, [status]);

  return (
    <>
      <header className="page-header">
        <div className="header-row">
          <h1>IOMMU Flush Queue Lab</h1>
          <div className="header-actions">
            <GalleryButton />
            <ShareButton />
          </div>
        </div>
        <p className="lede">
          A deterministic simulation of Linux iommu-dma's deferred IOTLB invalidation: per-CPU flush queues, the flush-queue
          timeout, strict versus lazy unmapping, and what each costs in throughput, flushes and stale translations. Press
          play (or space) to watch the queues fill and drain; step back with ←.
        </p>
      </header>
      <main>
        <UrlAlert />
        {page === 'gallery' ? <Gallery /> : <Lab />}
      </main>
    </>
  );
}
