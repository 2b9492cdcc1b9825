// Store actions of the guided tours (issue 15): a tour brings its chapter's scenario, a step sets
// the moment and focus, leaving keeps both; a link with `tour` alone opens the chapter's scenario.

import { describe, expect, it } from 'vitest';
import { closeTour, createLabStore, loadFromHash, openTour, showTourStep } from './labStore.ts';
import { chapterScenario } from '../sim/tour/chapterScenario.ts';
import { findChapter } from '../sim/tour/chapters.ts';

describe('tour actions', () => {
  it('openTour sets the chapter scenario and step, as navigation', () => {
    const store = createLabStore();
    openTour(store, 'allocator', 2);
    const s = store.getState();
    expect(s.tour).toEqual({ id: 'allocator', step: 2 });
    expect(s.preset).toBe('tiny-lazy');
    expect(s.scenario).toEqual(chapterScenario(findChapter('allocator')!));
    expect(s.scenario.magSize).toBe(4);
    expect(s.source).toBe('nav');
    openTour(store, 'nope');
    expect(store.getState().tour).toEqual({ id: 'allocator', step: 2 });
  });

  it('showTourStep moves the moment and focus; closeTour keeps them', () => {
    const store = createLabStore();
    openTour(store, 'timeout');
    showTourStep(store, 5, 10230251, 1);
    expect(store.getState()).toMatchObject({ tour: { id: 'timeout', step: 5 }, t: 10230251, focusCpu: 1, source: 'user' });
    const scenario = store.getState().scenario;
    closeTour(store);
    expect(store.getState()).toMatchObject({ tour: null, t: 10230251, focusCpu: 1 });
    expect(store.getState().scenario).toBe(scenario);
    showTourStep(store, 2, 5, 0);
    expect(store.getState().t).toBe(10230251);
  });

  it('a link with tour alone opens the chapter scenario', () => {
    const store = createLabStore();
    loadFromHash(store, '#tour=versions&step=2');
    expect(store.getState().tour).toEqual({ id: 'versions', step: 2 });
    expect(store.getState().scenario.kernel).toBe('6.6');
    expect(store.getState().preset).toBe('sac-edge');
    loadFromHash(store, '#v=3&p=tiny-lazy');
    expect(store.getState().tour).toBeNull();
  });
});
