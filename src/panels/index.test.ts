import { describe, expect, it } from 'vitest';
import { PANEL_IDS } from '../store/labStore.ts';
import { PANELS } from './index.ts';

describe('panel registry', () => {
  it('lists the seven panels in PANEL_IDS order, each with a title and a component', () => {
    expect(PANELS.map((p) => p.id)).toEqual([...PANEL_IDS]);
    for (const p of PANELS) {
      expect(p.title.length).toBeGreaterThan(3);
      expect(typeof p.Component).toBe('function');
    }
  });
});
