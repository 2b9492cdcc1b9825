// The driver against the real worker logic, in-process: a fake Worker runs LiveRunner + LiveSession
// and delivers replies asynchronously, a fake rAF ticks frames. Checks the user journeys the page
// offers: load, step forward and back, play and pause, jump, fork, restart, and a seek from the URL.

import { describe, expect, it } from 'vitest';
import { presetScenario } from '../sim/presets.ts';
import { runScenario } from '../sim/run.ts';
import type { LabView } from '../sim/view.ts';
import { createLabStore, setField, setT } from '../store/labStore.ts';
import { createPlaybackStore, type PlaybackState } from '../store/playback.ts';
import { findMarker, jumpTargets, startPlayback } from './playbackDriver.ts';
import { fakeEnv } from './testing/liveEnv.ts';

function until(pb: ReturnType<typeof createPlaybackStore>, ok: (s: PlaybackState) => boolean): Promise<PlaybackState> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out; status ${pb.getState().status}`)), 60_000);
    const check = () => {
      const s = pb.getState();
      if (ok(s)) {
        clearTimeout(timer);
        unsub();
        resolve(s);
      }
    };
    const unsub = pb.subscribe(check);
    check();
  });
}
const settled = (pb: ReturnType<typeof createPlaybackStore>) => until(pb, (s) => s.status === 'paused' && s.view !== null);
const plain = (v: LabView) => Object.fromEntries(Object.entries(v).map(([k, x]) => [k, ArrayBuffer.isView(x) ? Array.from(x as Int32Array) : x]));

describe('playback driver + live worker (in-process)', () => {
  it('load, step forward and back, play and pause, jump, fork, restart, URL seek', async () => {
    const lab = createLabStore();
    const s = presetScenario('default');
    s.cpus = 4;
    s.durationMs = 30;
    lab.setState({ scenario: s });
    const pb = createPlaybackStore();
    const ctl = startPlayback(lab, pb, fakeEnv());
    let st = await until(pb, (x) => x.status === 'paused' && x.traceHash !== null);
    expect(st.traceHash).toBe(runScenario(s).summary.traceHash);
    expect(st.view!.t).toBe(15_000_000);
    expect(st.series!.ios.length).toBe(30);
    expect(st.spans.some((x) => x.kind === 'flush_full' || x.kind === 'flush_timeout')).toBe(true);
    expect(st.spans.some((x) => x.kind === 'unmap')).toBe(true);
    expect(st.spanWindow[1]).toBe(15_000_000);
    expect(lab.getState().t).toBeUndefined(); // the first load leaves the URL alone
    const first = plain(st.view!);
    const firstSpans = JSON.stringify(st.spans);

    ctl.step(1);
    st = await settled(pb);
    expect(st.step).toBe(pb.getState().step);
    const stepped = st.step;
    ctl.step(-1);
    st = await settled(pb);
    expect(st.step).toBe(stepped - 1);
    expect(plain(st.view!)).toEqual(first);
    expect(JSON.stringify(st.spans)).toBe(firstSpans);
    expect(lab.getState().t).toBe(15_000_000);

    ctl.setSpeed(6);
    ctl.play();
    expect(pb.getState().status).toBe('playing');
    await until(pb, (x) => x.view!.t > 15_500_000);
    ctl.pause();
    st = await settled(pb);
    expect(st.view!.t).toBeGreaterThan(15_500_000);
    expect(lab.getState().t).toBe(st.view!.t);

    const next = findMarker(st.markers, st.view!.t, 1, jumpTargets('timeout'));
    expect(next).not.toBeNull();
    expect(ctl.jump('timeout', 1)).toBe(true);
    st = await until(pb, (x) => x.status === 'paused' && x.view!.t === next);
    expect(lab.getState().t).toBe(next);

    ctl.applyNow({ kind: 'mode', mode: 'strict' });
    st = await until(pb, (x) => x.status === 'paused' && lab.getState().scenario.interventions.length === 1 && x.traceHash !== null && x.view!.mode === 'strict');
    const forked = lab.getState().scenario;
    expect(forked.interventions[0].kind).toBe('mode');
    expect(st.traceHash).toBe(runScenario(forked).summary.traceHash);
    expect(st.markers.some((m) => m.kind === 'intervention')).toBe(true);

    // a control change restarts the run, at the same moment
    const at = st.view!.t;
    setField(lab, 'seed', 7);
    st = await until(pb, (x) => x.status === 'paused' && x.traceHash === runScenario(lab.getState().scenario).summary.traceHash);
    expect(st.view!.t).toBe(at);

    // a t from outside (the URL) seeks
    setT(lab, 3_000_000);
    st = await until(pb, (x) => x.status === 'paused' && x.view!.t === 3_000_000);
    ctl.dispose();
  }, 120_000);

  it('faults: a job that throws, and a worker killed unannounced (the stall watchdog); the view is kept and marked, Restart recovers', { timeout: 120_000 }, async () => {
    const lab = createLabStore();
    const s = presetScenario('default');
    s.cpus = 4;
    s.durationMs = 20;
    setField(lab, 'cpus', s.cpus);
    setField(lab, 'durationMs', s.durationMs);
    setT(lab, 2_000_000);
    const pb = createPlaybackStore();
    let wall = 0;
    let watch: (() => void) | null = null;
    const env = { ...fakeEnv(), now: () => wall, every: (_ms: number, fn: () => void) => ((watch = fn), () => (watch = null)) };
    const ctl = startPlayback(lab, pb, env);
    const first = await settled(pb);
    const t0 = first.view!.t;
    expect(t0).toBe(2_000_000);

    // 1. the next job throws
    ctl.faults.throwNext();
    ctl.step(1);
    let st = await until(pb, (x) => x.status === 'error');
    expect(st.error).toBe('injected fault at the step command (test hook)');
    expect(st.view!.t).toBe(t0);
    expect(st.staleSince).toBe(t0);
    expect(lab.getState().status).toBe('error');
    expect(lab.getState().t).toBe(t0);
    ctl.restart();
    st = await settled(pb);
    expect(st.view!.t).toBe(t0);
    expect(st.staleSince).toBe(null);
    expect(env.workers()).toBe(2);

    // 2. killed with no event: nothing happens until the watchdog sees STALL_MS of silence while waiting
    ctl.faults.terminate();
    ctl.step(1);
    expect(pb.getState().status).toBe('seeking');
    wall += 5_000;
    watch!();
    expect(pb.getState().status).toBe('seeking');
    wall += 6_000;
    watch!();
    st = pb.getState();
    expect(st.status).toBe('error');
    expect(st.error).toBe('the simulation worker stopped answering (no reply for 10 s)');
    expect(st.staleSince).toBe(t0);
    ctl.restart();
    st = await settled(pb);
    expect(st.view!.t).toBe(t0);
    expect(env.workers()).toBe(3);
    // paused, nothing asked: silence is no fault
    wall += 60_000;
    watch!();
    expect(pb.getState().status).toBe('paused');
    ctl.dispose();
  });
});
