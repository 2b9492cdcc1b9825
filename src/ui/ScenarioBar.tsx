// The scenario, compact (issue 18, "the first screen"): one line in the page header says which
// scenario runs (preset, mode, CPUs, length, interventions) with a button that opens the whole form
// (Controls, with the interventions at the current moment) below the header. Closed by default, so
// at 1280×720 the playback bar and the first panels fill the first screen; the form stays in the
// DOM (hidden), so its values are kept and the URL stays the one source of the scenario.

import { useState } from 'react';
import type { Scenario } from '../sim/scenario.ts';
import { Controls } from './Controls.tsx';
import { ImportButtons } from './ImportPanel.tsx';
import { useLab } from './labContext.ts';
import { PageExport } from './PageExport.tsx';
import { SweepButton } from './SweepDialog.tsx';

/** "default · lazy · 16 CPUs · 100 ms · 1 intervention" */
export function scenarioLine(preset: string, s: Scenario): string {
  const parts = [preset, s.mode, `${s.cpus} CPU${s.cpus === 1 ? '' : 's'}`, `${s.durationMs} ms`];
  if (s.counterReuse) parts.push('counter reuse');
  const n = s.interventions.length;
  if (n > 0) parts.push(`${n} intervention${n === 1 ? '' : 's'}`);
  return parts.join(' · ');
}

export function ScenarioBar() {
  const [open, setOpen] = useState(false);
  const preset = useLab((s) => s.preset);
  const scenario = useLab((s) => s.scenario);
  const hasErrors = useLab((s) => Object.keys(s.fieldErrors).length > 0);
  // An imported trace replaces the preset's workload (issue 17): the line names the trace.
  const traceName = useLab((s) => s.imported?.name);
  return (
    <section aria-labelledby="scenario-h" className={open ? 'scenario scenario-open' : 'scenario'}>
      <div className="scenario-line">
        <h2 id="scenario-h">Scenario</h2>
        <span className="scenario-now" data-testid="scenario-line">
          {scenarioLine(traceName !== undefined ? `trace ${traceName}` : preset, scenario)}
        </span>
        <button
          type="button"
          className="scenario-toggle"
          aria-expanded={open || hasErrors}
          aria-controls="scenario-form"
          onClick={() => setOpen(!(open || hasErrors))}
        >
          {open || hasErrors ? 'Hide the form ▴' : 'Change the scenario ▾'}
        </button>
      </div>
      <div id="scenario-form" className="scenario-form" hidden={!(open || hasErrors)}>
        {/* Issue 16: the header line has no room left at 1280 px (issue 18 keeps it one line). */}
        <div className="scenario-tools">
          <SweepButton />
          <PageExport />
        </div>
        <p className="lede">
          A deterministic simulation of Linux iommu-dma's deferred IOTLB invalidation: per-CPU flush queues, the flush-queue
          timeout, strict versus lazy unmapping, and what each costs in throughput, flushes and stale translations. Changing a
          control restarts the run at the same moment; interventions (at the end) fork it at the moment shown.
        </p>
        {/* Issue 17: the traffic of a real machine instead of the generated workload. */}
        <p className="import-line">
          Traffic from a kernel trace instead of the generated workload (ftrace or trace-cmd text of the iommu and dma events, or a
          .fqlab.json bundle; a file dropped anywhere on the page is imported too): <ImportButtons />
        </p>
        <Controls />
      </div>
    </section>
  );
}
