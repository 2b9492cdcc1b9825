import { describe, expect, it } from 'vitest';
import type { Marker } from '../../store/playback.ts';
import { markerText } from './text.ts';
import { watchdogLabel, watchdogMarkers } from './watchdog.ts';

describe('lockup markers on the throughput chart', () => {
  const ms: Marker[] = [
    { t: 1e6, kind: 'intervention', cpu: -1 },
    { t: 10e9, kind: 'hard_lockup', cpu: 3 },
    { t: 12e9, kind: 'flush_full', cpu: 0 },
    { t: 20e9, kind: 'soft_lockup', cpu: 5 },
  ];

  it('keeps only the soft and hard lockups, labelled with their CPU', () => {
    const w = watchdogMarkers(ms);
    expect(w.map((m) => m.kind)).toEqual(['hard_lockup', 'soft_lockup']);
    expect(w.map(watchdogLabel)).toEqual(['hard lockup CPU 3', 'soft lockup CPU 5']);
    expect(markerText(w[1])).toMatch(/^soft lockup at /);
  });
});
