// The page: a header (title, the scenario in one line with its form folded away, the panel menu,
// gallery and share), URL messages, then either the preset gallery or the lab — the playback bar
// (sticky, with the "what just happened" line), the panels (rings and throughput first: issue 18
// wants both on the first screen at 1280×720), the statecharts, the run status and the summary of
// the whole run. The quiescence flag for tests (<body data-ready>) is owned by src/ui/quiescence.ts.

import { useEffect, useRef } from 'react';
import type { Summary } from '../sim/run.ts';
import { counterReuseBound } from '../sim/counterReuseBound.ts';
import { resolve } from '../sim/scenario.ts';
import { PANELS } from '../panels/index.ts';
import { CompareView } from './compare/CompareView.tsx';
import { FlushChart } from './FlushChart.tsx';
import { fmtMs } from './format.ts';
import { Gallery, GalleryButton } from './Gallery.tsx';
import './embed.css';
import { ImportDrop, ImportStatus } from './ImportPanel.tsx';
import { ImportReport } from './ImportReport.tsx';
import { GlossaryButton } from './Glossary.tsx';
import './layout.css';
import { useLab, useLabStore } from './labContext.ts';
import { ExportNames } from './PageExport.tsx';
import { NoPanels, PAGE_ORDER, PANEL_TITLES, PanelPicker } from './PanelPicker.tsx';
import { PlaybackBar } from './PlaybackBar.tsx';
import { usePlaybackCtx } from './playbackContext.ts';
import { RunReading, runLabel, type RunRef } from './RunReading.tsx';
import { RunStatus } from './RunStatus.tsx';
import { ScenarioBar } from './ScenarioBar.tsx';
import { ShareButton } from './ShareButton.tsx';
import { StatechartPanel } from './StatechartPanel.tsx';
import { SummaryTables } from './SummaryTables.tsx';
import { SweepDialog } from './SweepDialog.tsx';
import { UrlAlert } from './UrlAlert.tsx';
// Teaching (issue 15): the Tours menu and the tour panel.
import { ToursMenu } from './tour/ToursMenu.tsx';
import { TourPanel } from './tour/TourPanel.tsx';

interface Finished {
  runId: number;
  summary: Summary;
  /** The scenario with counter reuse off: equal keys differ at most in counter reuse. */
  key: string;
}

/** The run before this one (another scenario), kept so the chart and notes can compare. */
function usePreviousRun(): RunRef | null {
  const result = useLab((s) => s.result);
  const status = useLab((s) => s.status);
  const scenario = useLab((s) => s.scenario);
  const cur = useRef<Finished | null>(null);
  const prev = useRef<Finished | null>(null);
  if (result && status === 'done' && cur.current?.runId !== result.runId) {
    const next = { runId: result.runId, summary: result.summary, key: JSON.stringify({ ...scenario, counterReuse: false }) };
    // A rerun of the same scenario (same trace) keeps the older comparison.
    if (cur.current && cur.current.summary.traceHash !== next.summary.traceHash) prev.current = cur.current;
    cur.current = next;
  }
  const p = prev.current;
  const c = cur.current;
  if (!p || !c) return null;
  return { iops: p.summary.iops, label: runLabel(p.summary), counterReuse: p.summary.counterReuse, sameButReuse: p.key === c.key };
}

function Results() {
  const result = useLab((s) => s.result);
  const status = useLab((s) => s.status);
  const runId = useLab((s) => s.runId);
  const scenario = useLab((s) => s.scenario);
  const prev = usePreviousRun();
  const durationMs = scenario.durationMs;
  if (!result) return null;
  // While the run is simulated, the numbers are of its first part only: say so, never as final.
  const partial = result.partial;
  // After a worker failure the numbers are the last ones received: never shown as current.
  const failed = status === 'error';
  const heading = failed
    ? result.runId !== runId
      ? 'Results of an earlier run, from before the failure: the run of this scenario did not finish'
      : partial
      ? `Partial results from before the failure: the first ${fmtMs(result.summary.simulatedMs)} of ${fmtMs(durationMs)} ms; the rest was not simulated`
      : 'Results of the whole run, received before the failure'
    : partial
      ? `Partial results: the first ${fmtMs(result.summary.simulatedMs)} of ${fmtMs(durationMs)} ms, still simulating`
      : 'Results of the whole run';
  return (
    <section
      className={status === 'running' || failed ? 'results stale' : 'results'}
      aria-labelledby="results-h"
      aria-busy={status === 'running'}
      data-partial={partial ? '1' : undefined}
      data-stale={failed ? '1' : undefined}
    >
      <h2 id="results-h">{heading}</h2>
      <RunReading
        summary={result.summary}
        prev={prev}
        invRangeNs={scenario.costs.invRangeNs}
        reuseBound={counterReuseBound(result.summary, scenario.costs.atomicRemoteNs, resolve(scenario).nrings)}
      />
      <FlushChart summary={result.summary} series={result.series} reference={prev} />
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
      <ImportReport />
      <PlaybackBar />
      <CompareView />
      <Panels />
      <StatechartPanel />
      <RunStatus />
      <Results />
      <TourPanel />
    </>
  );
}

export function App() {
  const status = useLab((s) => s.status);
  const page = useLab((s) => s.page);
  const embed = useLab((s) => s.embed);

  useEffect(() => {
    document.body.dataset.status = status;
  }, [status]);
  useEffect(() => {
    document.body.classList.toggle('embedded', embed);
  }, [embed]);

  // Embed (issue 16, `embed=1`): the chosen panels and the playback bar, sized to the frame.
  if (embed && page !== 'gallery')
    return (
      <ExportNames>
        <main className="embed" data-testid="embed">
          <UrlAlert />
          <PlaybackBar />
          <Panels />
        </main>
      </ExportNames>
    );

  return (
    <ExportNames>
      <header className="page-header">
        <div className="header-row">
          <h1>IOMMU Flush Queue Lab</h1>
          {page !== 'gallery' && <ScenarioBar />}
          <div className="header-actions">
            {page !== 'gallery' && <ToursMenu />}
            {page !== 'gallery' && <PanelPicker />}
            <GalleryButton />
            <GlossaryButton />
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
        {page !== 'gallery' && <SweepDialog />}
        <ImportStatus />
        <ImportDrop />
        {page === 'gallery' ? <Gallery /> : <Lab />}
      </main>
    </ExportNames>
  );
}
