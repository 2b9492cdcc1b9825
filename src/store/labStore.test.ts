import { describe, expect, it } from 'vitest';
import { presetScenario } from '../sim/presets.ts';
import { choosePreset, createLabStore, loadFromHash, runFailed, runFinished, runStarted, setField, type RunResult } from './labStore.ts';

const result = (runId: number): RunResult =>
  ({ runId, summary: { traceHash: String(runId) }, series: { bucketNs: 1e6, ios: [], flushFull: [], flushTimeout: [], staleIotlb: [], fqQueued: [] } }) as unknown as RunResult;

describe('lab store', () => {
  it('starts with the default preset', () => {
    const s = createLabStore().getState();
    expect(s.preset).toBe('default');
    expect(s.scenario).toEqual(presetScenario('default'));
    expect(s.status).toBe('idle');
  });

  it('loads a hash, keeping valid parts and reporting each rejected one', () => {
    const store = createLabStore();
    loadFromHash(store, '#v=1&cpus=9999&mode=strict&zzz=1');
    const s = store.getState();
    expect(s.scenario.mode).toBe('strict');
    expect(s.scenario.cpus).toBe(16);
    expect(s.source).toBe('url');
    expect(s.urlErrors).toHaveLength(2);
    expect(s.urlErrors[0]).toMatch(/^cpus:/);
    expect(s.urlErrors[1]).toMatch(/^zzz:/);
  });

  it('a hash that changes only the view keeps the scenario object (no new run) and sets t', () => {
    const store = createLabStore();
    loadFromHash(store, '#v=2&p=tiny-lazy&t=2000000');
    const first = store.getState().scenario;
    loadFromHash(store, '#v=2&p=tiny-lazy&t=3000000');
    expect(store.getState().scenario).toBe(first);
    expect(store.getState().t).toBe(3_000_000);
    loadFromHash(store, '#v=2&p=tiny-lazy&seed=7&t=3000000');
    expect(store.getState().scenario).not.toBe(first);
  });

  it('setField validates the whole scenario and keeps the last valid one', () => {
    const store = createLabStore();
    expect(setField(store, 'cpus', 8)).toBe(true);
    expect(store.getState().scenario.cpus).toBe(8);
    expect(store.getState().source).toBe('user');
    expect(setField(store, 'cpus', 0)).toBe(false);
    expect(store.getState().scenario.cpus).toBe(8);
    expect(store.getState().fieldErrors.cpus).toMatch(/cpus/);
    expect(setField(store, 'cpus', 4)).toBe(true);
    expect(store.getState().fieldErrors.cpus).toBeUndefined();
    // Cross-field rule: the single queue exists only from kernel 6.7.
    choosePreset(store, 'single-queue');
    expect(setField(store, 'kernel', '6.5')).toBe(false);
    expect(store.getState().scenario.kernel).toBe('6.7');
    expect(store.getState().fieldErrors.kernel).toMatch(/single/);
  });

  it('choosePreset replaces the scenario and ignores unknown names', () => {
    const store = createLabStore();
    choosePreset(store, 'tiny-lazy');
    expect(store.getState().scenario).toEqual(presetScenario('tiny-lazy'));
    choosePreset(store, 'nope');
    expect(store.getState().preset).toBe('tiny-lazy');
  });

  it("keeps only the newest run's result", () => {
    const store = createLabStore();
    const a = runStarted(store);
    const b = runStarted(store);
    runFinished(store, result(a));
    expect(store.getState().status).toBe('running');
    expect(store.getState().result).toBeNull();
    runFailed(store, a, 'old');
    expect(store.getState().status).toBe('running');
    runFinished(store, result(b));
    expect(store.getState().status).toBe('done');
    expect(store.getState().result?.runId).toBe(b);
  });

  it("a scenario too big for the page's memory is refused before any run: a control keeps the old value, a link drops fq and keeps the rest", () => {
    const store = createLabStore();
    expect(setField(store, 'cpus', 512)).toBe(true);
    expect(setField(store, 'fqSize', 65536)).toBe(false);
    const s = store.getState();
    expect(s.scenario.fqSize).toBe(0);
    expect(s.fieldErrors.fqSize).toMatch(/^FQ size × CPUs: 512 rings of 65536 slots would need an estimated [\d.]+ GiB .* over the page's 1\.0 GiB; not run: lower FQ size or CPUs$/);
    expect(setField(store, 'fqSize', 1024)).toBe(true);
    expect(store.getState().fieldErrors.fqSize).toBeUndefined();

    loadFromHash(store, '#v=3&cpus=512&fq=65536&mode=strict&seed=7');
    const u = store.getState();
    expect(u.scenario).toMatchObject({ cpus: 512, fqSize: 0, mode: 'strict', seed: 7 });
    expect(u.urlErrors).toHaveLength(1);
    expect(u.urlErrors[0]).toMatch(/^fq × cpus: .*estimated [\d.]+ GiB.*; fq was not applied \(the kernel version's default ring size is used\)$/);
  });
});

