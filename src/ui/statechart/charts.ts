// The statecharts the page draws: the two kernel machines (src/machines/) and the page's own
// playback machine (src/worker/playback.ts, issue 13: "its statechart is one more the user can
// look at"). For playback, the transitions every state shares are left out of the drawing and
// said in its caption instead, or every state would carry the same arrows: a fault reply from the
// worker (guard `fault`) goes to `error` from any state, and LOAD / WORKER_ERROR are handled at
// the machine's root. The worker's replies (REPLY with a guard on what the reply is) are named by
// what arrived ("view", "view, play on", "error reply"), and loops that only book a reply are left
// out; the text list under the chart still has every transition.

import { graphOf, machineGraph, type ChartTransition, type MachineGraph, type MachineName } from '../../machines/graph.ts';
import { playbackMachine } from '../../worker/playback.ts';

export type ChartName = MachineName | 'playback';

export const CHART_NAMES: readonly ChartName[] = ['cpuFlushQueue', 'flushTimer', 'playback'];

/** What a worker reply is, by the guard that recognises it. */
const REPLY_WORDS: Readonly<Record<string, string>> = {
  lastViewResume: 'view, play on',
  lastView: 'view',
  viewAtEnd: 'view at the end',
  errorWithView: 'error reply (picture kept)',
  errorNoView: 'error reply (no picture yet)',
};

/** A playback transition as drawn: replies named by what arrived; "has a view" goes without saying. */
function drawnPlayback(t: ChartTransition): ChartTransition {
  if (t.event === 'REPLY' && t.guard && Object.hasOwn(REPLY_WORDS, t.guard)) return { ...t, event: REPLY_WORDS[t.guard], guard: null };
  if (t.guard === 'hasView') return { ...t, guard: null };
  return t;
}

const cache = new Map<ChartName, MachineGraph>();

export function chartGraph(name: ChartName): MachineGraph {
  let g = cache.get(name);
  if (!g) {
    if (name === 'playback') {
      const all = graphOf('playback', playbackMachine);
      const drawn = all.transitions.filter((t) => t.source !== '' && t.guard !== 'fault' && (t.targets.length > 0 || t.event !== 'REPLY')).map(drawnPlayback);
      // The root's LOAD, drawn once: from idle, where the page starts (the caption says "from any state").
      const load = all.transitions.find((t) => t.source === '' && t.event === 'LOAD');
      if (load) drawn.unshift({ ...load, source: 'idle' });
      g = { ...all, transitions: drawn };
    } else g = machineGraph(name);
    cache.set(name, g);
  }
  return g;
}
