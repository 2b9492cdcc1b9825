// The playback chart is drawn from the machine the page runs (src/worker/playback.ts), with the
// transitions every state shares left to the caption: nothing else is dropped or invented.

import { describe, expect, it } from 'vitest';
import { graphOf } from '../../machines/graph.ts';
import { playbackMachine } from '../../worker/playback.ts';
import { chartGraph } from './charts.ts';

describe('the playback chart', () => {
  const all = graphOf('playback', playbackMachine);
  const drawn = chartGraph('playback');

  it('has every state of the machine, each explained', () => {
    expect(drawn.states.map((s) => s.id)).toEqual(['idle', 'loading', 'paused', 'playing', 'seeking', 'error']);
    for (const s of drawn.states) expect(s.description.length, s.id).toBeGreaterThan(40);
  });

  it('draws every transition that changes state, except the fault ones every state shares; LOAD once, from idle', () => {
    const moves = (ts: typeof all.transitions) => ts.filter((t) => t.targets.length > 0).map((t) => `${t.source}>${t.targets.join()}`);
    const want = moves(all.transitions.filter((t) => t.source !== '' && t.guard !== 'fault'));
    expect(moves(drawn.transitions)).toEqual(['idle>loading', ...want]);
    expect(drawn.transitions.some((t) => t.guard === 'fault')).toBe(false);
    // Replies are named by what arrived, not by guard names.
    expect(drawn.transitions.filter((t) => t.source === 'seeking' && t.targets[0] === 'playing').map((t) => t.event)).toEqual(['view, play on', 'PLAY']);
  });
});
