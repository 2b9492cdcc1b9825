// History logic of the URL sync, in Node with a fake window: edits replace the current entry
// (coalesced), deliberate navigation pushes one, Back/Forward restore what was shown.

import { describe, expect, it } from 'vitest';
import { presetScenario } from '../sim/presets.ts';
import { choosePreset, createLabStore, setField, setFocusCpu, setPanels, setT, showPage, type LabStore } from '../store/labStore.ts';
import { hashFor, shareUrl, startHashSync, type HashWindow } from './hashSync.ts';

type Listener = () => void;

/** A same-document session history as the HTML spec describes it, for fragment-only URLs. */
class FakeWindow implements HashWindow {
  entries: { hash: string; state: unknown }[];
  index = 0;
  pushes = 0;
  replaces = 0;
  private listeners = new Map<string, Set<Listener>>();
  constructor(hash = '') {
    this.entries = [{ hash, state: null }];
  }
  get location() {
    return { hash: this.entries[this.index].hash };
  }
  readonly history = {
    get state(): unknown {
      return win().entries[win().index].state;
    },
    pushState: (data: unknown, _: string, url?: string | null) => {
      this.pushes++;
      this.entries.splice(this.index + 1, Infinity, { hash: norm(url), state: data });
      this.index++;
    },
    replaceState: (data: unknown, _: string, url?: string | null) => {
      this.replaces++;
      this.entries[this.index] = { hash: norm(url), state: data };
    },
  };
  addEventListener(type: string, l: Listener) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(l);
  }
  removeEventListener(type: string, l: Listener) {
    this.listeners.get(type)?.delete(l);
  }
  listenerCount() {
    return [...this.listeners.values()].reduce((n, s) => n + s.size, 0);
  }
  private fire(type: string) {
    for (const l of this.listeners.get(type) ?? []) l();
  }
  /** Back/forward: popstate, then hashchange if the fragment differs. */
  go(delta: number) {
    const before = this.location.hash;
    this.index = Math.max(0, Math.min(this.entries.length - 1, this.index + delta));
    this.fire('popstate');
    if (this.location.hash !== before) this.fire('hashchange');
  }
  /** The user types a new fragment or clicks a #link: a new entry, popstate, hashchange. */
  typeHash(hash: string) {
    this.entries.splice(this.index + 1, Infinity, { hash: norm(hash), state: null });
    this.index++;
    this.fire('popstate');
    this.fire('hashchange');
  }
}
let current: FakeWindow;
const win = () => current;
const norm = (url?: string | null): string => (!url || url === '#' ? '' : url);

/** Timers run only when the test says so. */
class FakeTimers {
  private next = 1;
  pending = new Map<number, () => void>();
  set = (fn: () => void): number => {
    const id = this.next++;
    this.pending.set(id, fn);
    return id;
  };
  clear = (id: unknown): void => void this.pending.delete(id as number);
  runAll() {
    for (let i = 0; i < 20 && this.pending.size; i++) {
      const [id, fn] = this.pending.entries().next().value!;
      this.pending.delete(id);
      fn();
    }
  }
}

function setup(hash = '') {
  current = new FakeWindow(hash);
  const timers = new FakeTimers();
  const store = createLabStore();
  const stop = startHashSync(store, current, { setTimer: timers.set, clearTimer: timers.clear, replaceEveryMs: 250 });
  return { w: current, timers, store, stop };
}
const hashes = (w: FakeWindow) => w.entries.map((e) => e.hash);
const stateOf = (store: LabStore) => {
  const s = store.getState();
  return { preset: s.preset, t: s.t, focusCpu: s.focusCpu, page: s.page, cpus: s.scenario.cpus, panels: s.panels.join(',') };
};

describe('hashSync', () => {
  it('loads the initial hash (scenario, moment, focus, panels, page) and writes nothing', () => {
    const { w, store } = setup('#v=4&p=tiny-lazy&fc=1&pn=queues,iotlb&view=gallery&t=777');
    expect(stateOf(store)).toEqual({ preset: 'tiny-lazy', t: 777, focusCpu: 1, page: 'gallery', cpus: 2, panels: 'queues,iotlb' });
    expect(store.getState().source).toBe('url');
    expect([w.pushes, w.replaces]).toEqual([0, 0]);
  });

  it('an invalid hash is left as written until the user changes something', () => {
    const { w, store, timers } = setup('#v=4&cpus=9999&zzz=1');
    expect(store.getState().urlErrors).toHaveLength(2);
    expect(w.location.hash).toBe('#v=4&cpus=9999&zzz=1');
    setField(store, 'seed', 5);
    timers.runAll();
    expect(w.location.hash).toBe('#v=4&seed=5');
  });

  it('scrubbing: many t changes replace the one entry, coalesced, and the last one is written', () => {
    const { w, store, timers } = setup('#v=4&p=tiny-lazy');
    for (let t = 1; t <= 50; t++) setT(store, t * 1000);
    expect(w.replaces).toBe(1); // the first, at once
    expect(w.location.hash).toBe('#v=4&p=tiny-lazy&t=1000');
    timers.runAll();
    expect(w.replaces).toBe(2);
    expect(w.location.hash).toBe('#v=4&p=tiny-lazy&t=50000');
    setFocusCpu(store, 1);
    setPanels(store, ['iotlb', 'queues']);
    timers.runAll();
    expect(w.location.hash).toBe('#v=4&p=tiny-lazy&fc=1&pn=queues,iotlb&t=50000');
    expect([w.entries.length, w.pushes]).toEqual([1, 0]);
  });

  it('a preset change pushes an entry; Back and Forward restore scenario and moment', () => {
    const { w, store, timers } = setup('#v=4&p=tiny-lazy');
    setT(store, 4000);
    setT(store, 5000); // pending when the preset changes: settled into the entry being left
    choosePreset(store, 'steady-strict');
    expect(hashes(w)).toEqual(['#v=4&p=tiny-lazy&t=5000', '#v=4&p=steady-strict']);
    expect(timers.pending.size).toBe(0);
    w.go(-1);
    expect(stateOf(store)).toMatchObject({ preset: 'tiny-lazy', t: 5000, cpus: 2 });
    expect(store.getState().scenario).toEqual(presetScenario('tiny-lazy'));
    w.go(+1);
    expect(stateOf(store)).toMatchObject({ preset: 'steady-strict', t: undefined, cpus: 16 });
    // Loading from history writes nothing back.
    expect([w.pushes, w.entries.length]).toEqual([1, 2]);
  });

  it('popstate and hashchange of one Back load the state once', () => {
    const { w, store } = setup('#v=4&p=tiny-lazy');
    choosePreset(store, 'passthrough');
    let loads = 0;
    store.subscribe((s, prev) => {
      if (s.source === 'url' && s.scenario !== prev.scenario) loads++;
    });
    w.go(-1);
    expect(loads).toBe(1);
  });

  it('gallery: opening it and picking a preset are two entries; Back walks back through both', () => {
    const { w, store } = setup('#v=4&cpus=4');
    showPage(store, 'gallery');
    choosePreset(store, 'pause-unmaps');
    expect(hashes(w)).toEqual(['#v=4&cpus=4', '#v=4&cpus=4&view=gallery', '#v=4&p=pause-unmaps']);
    w.go(-1);
    expect(stateOf(store)).toMatchObject({ page: 'gallery', cpus: 4, preset: 'default' });
    w.go(-1);
    expect(stateOf(store)).toMatchObject({ page: 'lab', cpus: 4 });
  });

  it('a preset choice pushes; a pushed state after Back drops the forward entries', () => {
    const { w, store } = setup('');
    choosePreset(store, 'pause-unmaps');
    choosePreset(store, 'passthrough');
    expect(hashes(w)).toEqual(['', '#v=4&p=pause-unmaps', '#v=4&p=passthrough']);
    w.go(-2);
    expect(stateOf(store)).toMatchObject({ t: undefined, focusCpu: 0, preset: 'default' });
    choosePreset(store, 'tiny-lazy');
    expect(hashes(w)).toEqual(['', '#v=4&p=tiny-lazy']);
  });

  it('a typed hash (hashchange) loads, with its messages, and is not rewritten', () => {
    const { w, store } = setup('');
    w.typeHash('#v=4&p=tiny-lazy&fc=7');
    expect(stateOf(store)).toMatchObject({ preset: 'tiny-lazy', focusCpu: 0 });
    expect(store.getState().urlErrors).toEqual([expect.stringMatching(/^fc: /)]);
    expect(w.location.hash).toBe('#v=4&p=tiny-lazy&fc=7');
    expect([w.pushes, w.replaces]).toEqual([0, 0]);
  });

  it('a pending edit is dropped when Back loads another entry', () => {
    const { w, store, timers } = setup('#v=4&p=tiny-lazy');
    choosePreset(store, 'passthrough');
    setT(store, 1);
    setT(store, 2); // pending
    w.go(-1);
    timers.runAll();
    expect(hashes(w)).toEqual(['#v=4&p=tiny-lazy', '#v=4&p=passthrough&t=1']);
    expect(stateOf(store).preset).toBe('tiny-lazy');
  });

  it('the stop function removes every listener and pending timer', () => {
    const { w, store, timers, stop } = setup('');
    setT(store, 1);
    setT(store, 2);
    stop();
    expect(w.listenerCount()).toBe(0);
    expect(timers.pending.size).toBe(0);
    setT(store, 3);
    expect(w.location.hash).toBe('#v=4&t=1');
  });

  it('a history call the browser refuses (rate limit) does not break the page; the next edit is written', () => {
    const { w, store, timers } = setup('');
    const real = w.history.replaceState;
    w.history.replaceState = () => {
      throw new DOMException('Attempt to use history.replaceState() more than 100 times per 30 seconds', 'SecurityError');
    };
    expect(() => setT(store, 1)).not.toThrow();
    expect(store.getState().t).toBe(1);
    w.history.replaceState = real;
    timers.runAll();
    setT(store, 2);
    expect(w.location.hash).toBe('#v=4&t=2');
  });

  it('shareUrl keeps the address and replaces the hash with the current state', () => {
    const store = createLabStore();
    choosePreset(store, 'tiny-lazy');
    setT(store, 42);
    expect(shareUrl('http://127.0.0.1:4173/lab/?x=1#old', store.getState())).toBe('http://127.0.0.1:4173/lab/?x=1#v=4&p=tiny-lazy&t=42');
    expect(shareUrl('http://h/', store.getState())).toBe(`http://h/${hashFor(store.getState())}`);
  });
});

describe('store actions behind the URL view keys', () => {
  it('setFocusCpu ignores CPUs the scenario does not have; setPanels keeps page order; choosePreset resets t and clamps focus', () => {
    const store = createLabStore();
    setFocusCpu(store, 99);
    setFocusCpu(store, 1.5);
    expect(store.getState().focusCpu).toBe(0);
    setFocusCpu(store, 9);
    expect(store.getState()).toMatchObject({ focusCpu: 9, source: 'user' });
    setPanels(store, ['counters', 'queues']);
    expect(store.getState().panels).toEqual(['queues', 'counters']);
    setT(store, 5);
    const seq = store.getState().navSeq;
    choosePreset(store, 'tiny-lazy'); // 2 CPUs: focus 9 no longer exists
    expect(store.getState()).toMatchObject({ focusCpu: 0, t: undefined, page: 'lab', source: 'nav', navSeq: seq + 1 });
    expect(store.getState().panels).toEqual(['queues', 'counters']);
  });
});
