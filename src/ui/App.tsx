// The page: a header (title, the scenario in one line with its form folded away, the panel menu,
// gallery and share), URL messages, then either the preset gallery or the lab — the playback bar
// (sticky, with the "what just happened" line), the panels (rings and throughput first: issue 18
// wants both on the first screen at 1280×720), the statecharts, the run status and the summary of
// the whole run. The quiescence flag for tests (<body data-ready>) is owned by src/ui/quiescence.ts.

import { useEffect } from 'react';
import { PANELS } from '../panels/index.ts';
import { FlushChart } from './FlushChart.tsx';
import { Gallery, GalleryButton } from './Gallery.tsx';
import './layout.css';
import { useLab, useLabStore } from './labContext.ts';
import { NoPanels, PAGE_ORDER, PANEL_TITLES, PanelPicker } from './PanelPicker.tsx';
import { PlaybackBar } from './PlaybackBar.tsx';
import { usePlaybackCtx } from './playbackContext.ts';
import { RunStatus } from './RunStatus.tsx';
import { ScenarioBar } from './ScenarioBar.tsx';
import { ShareButton } from './ShareButton.tsx';
import { StatechartPanel } from './StatechartPanel.tsx';
import { SummaryTables } from './SummaryTables.tsx';
import { UrlAlert } from './UrlAlert.tsx';

function Results() {
  const result = useLab((s) => s.result);
  const status = useLab((s) => s.status);
  if (!result) return null;
  return (
    <section className={status === 'running' ? 'results stale' : 'results'} aria-labelledby="results-h" aria-busy={status === 'running'}>
      <h2 id="results-h">Results of the whole run</h2>
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
  if (visible.length === 0) return <NoPanels />;
  return (
    <section className="panels-area" aria-label="Panels">
      {PAGE_ORDER.filter((id) => visible.includes(id)).map((id) => {
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
          {page !== 'gallery' && <ScenarioBar />}
          <div className="header-actions">
            {page !== 'gallery' && <PanelPicker />}
            <GalleryButton />
            <ShareButton />
          </div>
        </div>
        {page === 'gallery' && (
          <p className="lede">
            A deterministic simulation of Linux iommu-dma's deferred IOTLB invalidation: per-CPU flush queues, the flush-queue
            timeout, strict versus lazy unmapping, and what each costs in throughput, flushes and stale translations.
          </p>
        )}
      </header>
      <main>
        <UrlAlert />
        {page === 'gallery' ? <Gallery /> : <Lab />}
      </main>
    </>
  );
}
