// A/B compare (issue 16): the second run. When the lab store has differences `cmp`, scenario B
// (src/url/compare.ts scenarioB: A with those differences) gets its own live session in a second
// worker, driven by the same playback machinery as A (startPlayback over a lab store and a
// playback store of its own). B is simulated once, like A (issue 13's "one run, one truth"): its
// live run gives its summary and series.
//
// One clock: A's playback bar is the only one. B follows A's moment — whenever A's view moves
// (play, step, scrub, jump), B seeks to the same simulated time t. B's event index at that moment
// is its own (the runs differ), so the page shows both.
//
// B starts only once A's run has shown its first picture (A's first series reply comes with it),
// so the first screen stays as fast as without a compare; a change of A or of the differences
// reloads B the same way.

import { createLabStore, showScenario, type LabStore } from '../store/labStore.ts';
import { createPlaybackStore, type PlaybackStore } from '../store/playback.ts';
import { scenarioB } from '../url/compare.ts';
import { browserEnv, startPlayback, type DriverEnv, type PlaybackController } from './playbackDriver.ts';

/** B's stores: what the compare view reads (B's summary and series, B's moment). */
export interface CompareSide {
  lab: LabStore;
  pb: PlaybackStore;
}

export interface CompareDriver {
  b: CompareSide;
  /** B's playback driver while a compare runs (tests; the page drives B only through A). */
  controller(): PlaybackController | null;
  dispose(): void;
}

/** A's current run has reached its first picture (or ended): B may start without slowing it. */
function aShown(lab: LabStore): boolean {
  const s = lab.getState();
  return s.runId > 0 && (s.result?.runId === s.runId || s.status === 'done' || s.status === 'error');
}

export function startCompare(lab: LabStore, pbA: PlaybackStore, env: DriverEnv = browserEnv()): CompareDriver {
  const b: CompareSide = { lab: createLabStore(), pb: createPlaybackStore() };
  let ctl: PlaybackController | null = null;
  /** B's scenario as JSON, as last given to B's store. */
  let bJson = '';
  /** The moment B was last sent to (A's moment then). */
  let sentT: number | null = null;

  const stop = (): void => {
    ctl?.dispose();
    ctl = null;
    bJson = '';
    sentT = null;
  };

  const sync = (): void => {
    const s = lab.getState();
    const a = pbA.getState();
    if (s.cmp === null || s.page !== 'lab') return stop();
    const scenario = scenarioB(s.scenario, s.cmp, { memory: true }).scenario;
    if (!scenario) return stop();
    const t = a.view?.t ?? s.t;
    // A's imported trace, if any, is B's workload too (the same traffic under B's settings).
    const json = `${JSON.stringify(scenario)}|${s.importSeq}`;
    if (json !== bJson) {
      if (!aShown(lab)) return;
      bJson = json;
      sentT = t ?? null;
      showScenario(b.lab, scenario, s.preset, t, s.imported);
      // The first B starts here; later ones load through B's store (startPlayback watches it).
      if (!ctl) ctl = startPlayback(b.lab, b.pb, env);
      return;
    }
    // One clock: B goes where A is, once B has settled from its last move.
    const bs = b.pb.getState();
    if (ctl && a.view && a.view.t !== sentT && bs.status === 'paused' && bs.view) {
      sentT = a.view.t;
      ctl.seek(a.view.t, { fast: a.status === 'playing' });
    }
  };

  const u1 = lab.subscribe(sync);
  const u2 = pbA.subscribe(sync);
  const u3 = b.pb.subscribe(sync);
  sync();
  return {
    b,
    controller: () => ctl,
    dispose() {
      u1();
      u2();
      u3();
      stop();
    },
  };
}
