// The page's import as store actions: a refused import changes nothing but its message; a landed
// one becomes the scenario's workload (the trace's CPUs and length); choosing a preset or closing
// it returns to the scenario's own workload, each a new load (importSeq).

import { describe, expect, it } from 'vitest';
import { exampleTrace } from '../import/fromModel.ts';
import { toImported } from '../import/imported.ts';
import { importText } from '../import/importer.ts';
import { closeImport, importBegan, importFailed, importLoaded, importProgress } from './importActions.ts';
import { choosePreset, createLabStore, setField } from './labStore.ts';

const trace = toImported('ex.txt', null, importText(exampleTrace()));

describe('import actions', () => {
  it('a refused import keeps the scenario, moment and view', () => {
    const store = createLabStore();
    setField(store, 'mode', 'strict');
    store.setState({ t: 1234, focusCpu: 2 });
    const before = store.getState();
    importBegan(store, 'x.txt', 100);
    importProgress(store, 50, 3);
    expect(store.getState().importing).toEqual({ name: 'x.txt', bytes: 50, total: 100, lines: 3 });
    importFailed(store, 'no events');
    const after = store.getState();
    expect(after.importError).toBe('no events');
    expect(after.importing).toBeNull();
    expect([after.scenario, after.t, after.focusCpu, after.panels, after.imported, after.importSeq]).toEqual([before.scenario, 1234, 2, before.panels, null, 0]);
  });

  it('a landed import replays the trace with the current settings; a preset or close ends it', () => {
    const store = createLabStore();
    setField(store, 'mode', 'strict');
    importLoaded(store, trace);
    const s = store.getState();
    expect(s.imported).toBe(trace);
    expect(s.importSeq).toBe(1);
    expect(s.scenario.mode).toBe('strict');
    expect(s.scenario.cpus).toBeGreaterThanOrEqual(trace.cpus);
    expect(s.scenario.durationMs).toBe(Math.ceil(trace.durationNs / 1e6 + 10 + 1));
    // The settings stay adjustable while the trace is replayed.
    expect(setField(store, 'mode', 'lazy')).toBe(true);
    expect(store.getState().imported).toBe(trace);
    closeImport(store);
    expect([store.getState().imported, store.getState().importSeq]).toEqual([null, 2]);
    importLoaded(store, trace);
    choosePreset(store, 'default');
    expect([store.getState().imported, store.getState().importSeq]).toEqual([null, 4]);
  });
});

describe('a link to another scenario', () => {
  it('drops the imported trace in the same update (one load); a link to the same scenario keeps it', async () => {
    const { loadFromHash } = await import('./labStore.ts');
    const { encodeHash } = await import('../url/codec.ts');
    const store = createLabStore();
    importLoaded(store, trace);
    const updates: number[] = [];
    store.subscribe((s) => updates.push(s.importSeq));
    loadFromHash(store, encodeHash(store.getState().scenario, store.getState().preset));
    expect(store.getState().imported).toBe(trace);
    loadFromHash(store, '#v=3&p=default&mode=strict');
    expect(store.getState().imported).toBeNull();
    expect(updates).toEqual([1, 2]);
  });
});
