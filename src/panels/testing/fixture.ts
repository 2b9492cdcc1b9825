// Test harness (panel gallery, panels.html; unit tests): runs the engine in the page on a scenario
// and builds what the playback core provides — the LabView (src/sim/viewOf.ts), timeline spans,
// whole-run series and markers — so the panels can be seen and screenshot-tested without the live
// worker. It uses the live worker's own rules: the span recorder (src/sim/spans.ts), the bucket
// rule (src/sim/metrics.ts) and the cliff verdict (src/sim/cliff.ts), so a fixture shows what the
// page would. Deterministic: same scenario and moment, same output.

import { verdictMarkers } from '../../sim/cliff.ts';
import { Engine } from '../../sim/engine.ts';
import { bucketNsFor } from '../../sim/metrics.ts';
import type { Scenario } from '../../sim/scenario.ts';
import { SpanRecorder } from '../../sim/spans.ts';
import { TappedTrace } from '../../sim/traceTap.ts';
import type { LabView, Marker, RunSeries, Span } from '../../sim/view.ts';
import { engineView } from '../../sim/viewOf.ts';

export interface Fixture {
  view: LabView;
  spans: Span[];
  spanWindow: [number, number];
  series: RunSeries;
  markers: Marker[];
  durationNs: number;
}

/** Runs `s` to `atNs` (snapshot, spans of the last `windowNs`), then on to the end for the series. */
export function runFixture(s: Scenario, atNs: number, windowNs = 2_000_000): Fixture {
  const trace = new TappedTrace();
  const e = new Engine(s, { trace, bucketNs: bucketNsFor(s.durationMs) });
  const rec = new SpanRecorder(windowNs);
  rec.reset(e, 0);
  trace.tap = rec;
  let pos = 0;
  while (e.q.size > 0 && e.q.peekTime() <= atNs) {
    e.step();
    rec.afterStep(e, ++pos);
  }
  e.runUntil(atNs);
  rec.setMoment(atNs);
  trace.tap = null;
  const view = engineView(e);
  const d = rec.delta();
  const spans = [...d.add, ...d.open];
  e.runUntil(e.r.durationNs);
  const { ringOcc: _occ, ...series } = e.metrics.series;
  const markers: Marker[] = s.interventions.map((x) => ({ t: Math.round(x.atMs * 1e6), kind: 'intervention', cpu: -1 }));
  markers.push(...verdictMarkers(series.ios, series.bucketNs, s));
  return { view, spans, spanWindow: d.window, series, markers, durationNs: e.r.durationNs };
}
