// The playback machine's transitions alone: a fake client records the commands it sends, fake
// outputs record what it reports, and replies are made up here (the real worker logic is covered by
// src/worker/liveSession.test.ts and, end to end in-process, src/ui/playbackDriver.test.ts).

import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { presetScenario } from '../sim/presets.ts';
import type { LabView } from '../sim/view.ts';
import type { LiveCommand, LiveReply } from './liveProtocol.ts';
import { playbackMachine, type PlaybackPatch, type SeriesReply } from './playback.ts';

function setup() {
  const sent: LiveCommand[] = [];
  let cancels = 0;
  let resets = 0;
  const published: PlaybackPatch[] = [];
  const log: string[] = [];
  const actor = createActor(playbackMachine, {
    input: {
      client: { send: (c) => sent.push(c), cancel: () => cancels++, reset: () => resets++ },
      out: {
        publish: (p) => published.push(p),
        runStarted: () => log.push('runStarted'),
        runSeries: (r: SeriesReply) => log.push(`runSeries ${r.partial ? 'partial' : 'final'}`),
        runFailed: (m) => log.push(`runFailed ${m}`),
        forked: (x) => log.push(`forked ${x.atMs}`),
        settled: (t) => log.push(`settled ${t}`),
      },
    },
  }).start();
  const state = () => actor.getSnapshot().value;
  const last = () => sent.at(-1)!;
  const lastId = () => (last() as { id: number }).id;
  const reply = (r: LiveReply) => actor.send({ type: 'REPLY', reply: r });
  const view = (id: number, t: number, o: { pending?: boolean; atEnd?: boolean } = {}) =>
    reply({ type: 'view', id, view: { t, events: t } as unknown as LabView, step: t, atEnd: o.atEnd ?? false, spans: null, pending: o.pending ?? false });
  const series = (id: number, partial: boolean) =>
    reply({ type: 'series', id, computedNs: 1, series: {} as SeriesReply['series'], markers: [], rareSpans: [], traceHash: partial ? null : 'abcd0123', summary: {} as SeriesReply['summary'], steps: 1, partial });
  const scenario = presetScenario('tiny-lazy');
  const load = (t = 5) => actor.send({ type: 'LOAD', scenario, t, name: 'tiny-lazy', bucketNs: 1e6 });
  /** Loads and lands paused at t. */
  const loaded = (t = 5) => {
    load(t);
    const id = lastId();
    reply({ type: 'loaded', id, durationNs: 100, windowNs: 10 });
    view(id, t);
    return id;
  };
  return { actor, sent, published, log, state, last, lastId, reply, view, series, load, loaded, cancels: () => cancels, resets: () => resets };
}

describe('playback machine', () => {
  it('idle → loading: the first picture while the run goes on, paused on the last view', () => {
    const m = setup();
    expect(m.state()).toBe('idle');
    m.load(7);
    expect(m.state()).toBe('loading');
    expect(m.last()).toMatchObject({ type: 'load', t: 7, name: 'tiny-lazy', bucketNs: 1e6 });
    expect(m.log).toEqual(['runStarted']);
    const id = m.lastId();
    m.reply({ type: 'loaded', id, durationNs: 100, windowNs: 10 });
    m.view(id, 7, { pending: true });
    expect(m.state()).toBe('loading');
    expect(m.published.some((p) => p.view?.t === 7)).toBe(true);
    m.series(id, true);
    m.series(id, false);
    expect(m.log).toEqual(['runStarted', 'runSeries partial', 'runSeries final']);
    m.actor.send({ type: 'CANCEL' });
    expect(m.cancels()).toBe(1);
    m.view(id, 7);
    expect(m.state()).toBe('paused');
    // the first load does not write the URL's moment
    expect(m.log.some((l) => l.startsWith('settled'))).toBe(false);
  });

  it('user commands wait for a loaded moment; stale replies are dropped', () => {
    const m = setup();
    m.load();
    const n = m.sent.length;
    m.actor.send({ type: 'PLAY' });
    m.actor.send({ type: 'STEP', delta: 1 });
    expect(m.state()).toBe('loading');
    expect(m.sent).toHaveLength(n);
    const old = m.lastId();
    m.load(9); // a newer scenario
    m.view(old, 5);
    expect(m.state()).toBe('loading');
    m.view(m.lastId(), 9);
    expect(m.state()).toBe('paused');
  });

  it('paused → playing → (pause while an advance is in flight) seeking → paused, settling the moment', () => {
    const m = setup();
    m.loaded();
    m.actor.send({ type: 'PLAY' });
    expect(m.state()).toBe('playing');
    m.actor.send({ type: 'FRAME', steps: 100 });
    expect(m.last()).toMatchObject({ type: 'advance', steps: 100 });
    const n = m.sent.length;
    m.actor.send({ type: 'FRAME', steps: 100 }); // one advance at a time
    expect(m.sent).toHaveLength(n);
    m.view(m.lastId(), 6);
    expect(m.state()).toBe('playing');
    m.actor.send({ type: 'FRAME', steps: 50 });
    m.actor.send({ type: 'PAUSE' });
    expect(m.state()).toBe('seeking');
    m.view(m.lastId(), 8);
    expect(m.state()).toBe('paused');
    expect(m.log.at(-1)).toBe('settled 8');
  });

  it('step and seek go through seeking; the end of the run pauses play; play at the end starts over', () => {
    const m = setup();
    m.loaded();
    m.actor.send({ type: 'STEP', delta: -1 });
    expect([m.state(), m.last().type]).toEqual(['seeking', 'step']);
    m.view(m.lastId(), 4);
    expect(m.state()).toBe('paused');
    m.actor.send({ type: 'SEEK', t: 1e9 });
    expect(m.last()).toMatchObject({ type: 'seek', t: 100 }); // clamped to the run
    m.view(m.lastId(), 100, { atEnd: true });
    m.actor.send({ type: 'PLAY' });
    expect(m.last()).toMatchObject({ type: 'seek', t: 0 });
    expect(m.state()).toBe('seeking');
    m.view(m.lastId(), 0);
    expect(m.state()).toBe('playing');
    m.actor.send({ type: 'FRAME', steps: 10 });
    m.view(m.lastId(), 100, { atEnd: true });
    expect(m.state()).toBe('paused');
  });

  it('a fork while playing runs the rest and plays on; a load while playing keeps the moment and plays on', () => {
    const m = setup();
    m.loaded();
    m.actor.send({ type: 'PLAY' });
    m.actor.send({ type: 'FORK', spec: { kind: 'mode', mode: 'strict' } });
    expect([m.state(), m.last().type]).toEqual(['seeking', 'fork']);
    const id = m.lastId();
    m.reply({ type: 'forked', id, intervention: { kind: 'mode', mode: 'strict', atMs: 0.000006 } });
    m.series(id, false);
    m.view(id, 6);
    expect(m.state()).toBe('playing');
    // the fork starts a new run (its summary), then reports the intervention and the final series
    expect(m.log.slice(-3)).toEqual(['runStarted', 'forked 0.000006', 'runSeries final']);
    m.view(id, 6); // already answered: nothing changes
    m.load(50);
    expect(m.last()).toMatchObject({ type: 'load', t: 6 });
    m.view(m.lastId(), 6);
    expect(m.state()).toBe('playing');
  });

  it('worker error → error; Restart loads the same scenario at the moment shown, keeping the view', () => {
    const m = setup();
    m.loaded(5);
    m.actor.send({ type: 'STEP', delta: 3 });
    m.view(m.lastId(), 8);
    const published = m.published.length;
    m.actor.send({ type: 'WORKER_ERROR', message: 'the worker died' });
    expect(m.state()).toBe('error');
    expect(m.log.at(-1)).toBe('runFailed the worker died');
    expect(m.published.slice(published)).toEqual([{ error: 'the worker died', progress: null }]);
    m.actor.send({ type: 'PLAY' });
    expect(m.state()).toBe('error');
    m.actor.send({ type: 'RESTART' });
    expect(m.state()).toBe('loading');
    const cmd = m.last();
    expect(cmd).toMatchObject({ type: 'load', t: 8, name: 'tiny-lazy' });
    expect(cmd.type === 'load' && cmd.scenario).toEqual(m.actor.getSnapshot().context.load!.scenario);
    // the picture on the page stays until the new one comes
    expect(m.published.slice(published).some((p) => 'view' in p)).toBe(false);
    m.view(m.lastId(), 8);
    expect(m.state()).toBe('paused');
  });

  it('an error reply to a load with nothing shown → error; with a picture shown → paused with the message', () => {
    const m = setup();
    m.load();
    m.reply({ type: 'error', id: m.lastId(), message: 'bad scenario' });
    expect(m.state()).toBe('error');
    expect(m.log.at(-1)).toBe('runFailed bad scenario');
    const p = setup();
    p.loaded();
    p.actor.send({ type: 'SEEK', t: 3 });
    p.reply({ type: 'error', id: p.lastId(), message: 'no' });
    expect(p.state()).toBe('paused');
    expect(p.published.at(-1)).toEqual({ error: 'no', progress: null });
  });

  it('a fault reply (the job threw) is a worker failure from any state, even for an older command: error, worker dropped, Restart', () => {
    for (const during of ['loading', 'paused', 'playing', 'seeking'] as const) {
      const m = setup();
      if (during === 'loading') m.load(5);
      else m.loaded(5);
      if (during === 'playing') m.actor.send({ type: 'PLAY' });
      if (during === 'seeking') m.actor.send({ type: 'SEEK', t: 9 });
      expect(m.state()).toBe(during);
      // an id older than the newest command: the worker's state is suspect all the same
      m.reply({ type: 'fault', id: m.lastId() - 1, message: 'CPU 0 resumed in phase 3' });
      expect(m.state(), during).toBe('error');
      expect(m.resets(), during).toBe(1);
      expect(m.log.at(-1)).toBe('runFailed CPU 0 resumed in phase 3');
      expect(m.published.at(-1)).toEqual({ error: 'CPU 0 resumed in phase 3', progress: null });
      m.actor.send({ type: 'RESTART' });
      expect(m.last()).toMatchObject({ type: 'load', t: 5 });
      expect(m.state()).toBe('loading');
    }
  });

  it('a refused request (error reply) keeps the worker; a worker error resets it', () => {
    const m = setup();
    m.loaded();
    m.actor.send({ type: 'SEEK', t: 3 });
    m.reply({ type: 'error', id: m.lastId(), message: 'no' });
    expect(m.resets()).toBe(0);
    m.actor.send({ type: 'WORKER_ERROR', message: 'stopped answering' });
    expect(m.resets()).toBe(1);
    expect(m.state()).toBe('error');
  });
});
