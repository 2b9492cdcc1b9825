// A/B compare's second run (issue 16), against the real worker logic in-process: B starts after
// A's first picture, B's summary is the CLI's summary of scenario B (same trace hash), B follows
// A's moment when A steps and seeks, leaving stops B and keeps A, and B follows a change of A.

import { describe, expect, it } from 'vitest';
import { presetScenario } from '../sim/presets.ts';
import { runScenario } from '../sim/run.ts';
import { createLabStore, leaveCompare, openCompare, setField, type LabState } from '../store/labStore.ts';
import { createPlaybackStore, type PlaybackState, type PlaybackStore } from '../store/playback.ts';
import { compareSummaries } from '../sim/compareSummary.ts';
import { scenarioB } from '../url/compare.ts';
import { startCompare } from './compareDriver.ts';
import { startPlayback } from './playbackDriver.ts';
import { fakeEnv } from './testing/liveEnv.ts';
import { exampleScenario, exampleTrace } from '../import/fromModel.ts';
import { toImported } from '../import/imported.ts';
import { importText } from '../import/importer.ts';
import { importLoaded } from '../store/importActions.ts';

function until<S>(store: { getState(): S; subscribe(f: () => void): () => void }, ok: (s: S) => boolean, what: string): Promise<S> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), 90_000);
    const check = () => {
      const s = store.getState();
      if (ok(s)) {
        clearTimeout(timer);
        unsub();
        resolve(s);
      }
    };
    const unsub = store.subscribe(check);
    check();
  });
}

const done = (pb: PlaybackStore) => until<PlaybackState>(pb, (s) => s.status === 'paused' && s.traceHash !== null, 'a whole run');
const settledAt = (pb: PlaybackStore, t: number) => until<PlaybackState>(pb, (s) => s.status === 'paused' && s.view?.t === t, `the moment ${t}`);

describe('A/B compare driver + live workers (in-process)', () => {
  it('B runs once after A, equals the CLI run of B, and follows A through time', async () => {
    const lab = createLabStore();
    const a = presetScenario('default');
    a.cpus = 4;
    a.durationMs = 20;
    lab.setState({ scenario: a });
    const env = fakeEnv();
    const pbA = createPlaybackStore();
    const ctlA = startPlayback(lab, pbA, env);
    const cmp = startCompare(lab, pbA, env);
    openCompare(lab, [{ key: 'mode', value: 'strict' }]);
    // Not before A's first picture: one worker only until then.
    expect(env.workers()).toBe(1);
    expect(cmp.controller()).toBeNull();

    const b = scenarioB(a, lab.getState().cmp!).scenario!;
    expect(b.mode).toBe('strict');
    const stB = await done(cmp.b.pb);
    expect(env.workers()).toBe(2);
    const cli = runScenario(b).summary;
    expect(stB.traceHash).toBe(cli.traceHash);
    const bLab = await until<LabState>(cmp.b.lab, (s) => s.status === 'done', 'B summary');
    expect(bLab.result!.summary.traceHash).toBe(cli.traceHash);
    // Every number of B's summary as the CLI has it (wall time and name aside).
    for (const row of compareSummaries(bLab.result!.summary, cli)) {
      if (row.key !== 'wallMs' && row.key !== 'scenario' && typeof row.a === 'number') expect(row.delta, row.key).toBe(0);
    }
    // B is a different run from A.
    const stA = await done(pbA);
    expect(stA.traceHash).not.toBe(stB.traceHash);
    expect(stB.view!.t).toBe(stA.view!.t);

    // Stepping A moves B to the same simulated time (its own event index there).
    ctlA.step(50);
    const a1 = await until<PlaybackState>(pbA, (s) => s.status === 'paused' && s.view!.t > stA.view!.t, 'A stepped');
    const b1 = await settledAt(cmp.b.pb, a1.view!.t);
    expect(b1.view!.t).toBe(a1.view!.t);
    expect(b1.step).not.toBe(a1.step);
    ctlA.seek(3_000_000, { commit: true });
    await settledAt(pbA, 3_000_000);
    await settledAt(cmp.b.pb, 3_000_000);

    // A change of A reloads B (A with B's differences), once A has shown its new first picture.
    setField(lab, 'cpus', 2);
    const b2 = await until<LabState>(cmp.b.lab, (s) => s.scenario.cpus === 2 && s.status === 'done', 'B of the new A');
    expect(b2.scenario.mode).toBe('strict');
    expect(b2.result!.summary.traceHash).toBe(runScenario(scenarioB(lab.getState().scenario, [{ key: 'mode', value: 'strict' }]).scenario!).summary.traceHash);

    // Leaving stops B; A is as it was.
    const before = lab.getState().scenario;
    leaveCompare(lab);
    expect(cmp.controller()).toBeNull();
    expect(lab.getState().scenario).toBe(before);
    expect(lab.getState().cmp).toBeNull();
    cmp.dispose();
    ctlA.dispose();
  }, 180_000);

  it('an imported trace is compared too (issue 17): B replays the same traffic under its settings, as the CLI does', async () => {
    const lab = createLabStore();
    const trace = toImported('example', null, importText(exampleTrace()));
    lab.setState({ scenario: exampleScenario() });
    const env = fakeEnv();
    const pbA = createPlaybackStore();
    const ctlA = startPlayback(lab, pbA, env);
    const cmp = startCompare(lab, pbA, env);
    importLoaded(lab, trace);
    openCompare(lab, [{ key: 'mode', value: 'strict' }]);
    const a = lab.getState().scenario;
    const b = scenarioB(a, lab.getState().cmp!).scenario!;
    const stB = await done(cmp.b.pb);
    const cliB = runScenario(b, { replay: trace.replay }).summary;
    expect(stB.traceHash).toBe(cliB.traceHash);
    // Not the scenario's own workload: the replay differs from B without the trace.
    expect(cliB.traceHash).not.toBe(runScenario(b).summary.traceHash);
    const stA = await done(pbA);
    expect(stA.traceHash).toBe(runScenario(a, { replay: trace.replay }).summary.traceHash);
    expect(stA.traceHash).not.toBe(stB.traceHash);
    cmp.dispose();
    ctlA.dispose();
  }, 180_000);
});
