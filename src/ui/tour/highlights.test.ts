// Every `highlight` of every chapter names an element the page renders: a panel
// ("<panel id>:panel", PanelFrame), a counters row ("counters:row-<key>", ROW_KEYS) or a statechart
// state ("statechart:<machine>:<state path>", StatechartView), so a renamed row or state fails here.

import { describe, expect, it } from 'vitest';
import { machineGraph, type MachineName } from '../../machines/graph.ts';
import { ROW_KEYS } from '../../panels/counters/rows.ts';
import { CHAPTERS } from '../../sim/tour/chapters.ts';
import { PANEL_IDS } from '../../url/view.ts';

const PANELS: readonly string[] = PANEL_IDS;
const ROWS: readonly string[] = ROW_KEYS;

describe('tour highlights', () => {
  it('name elements that exist', () => {
    const bad: string[] = [];
    for (const ch of CHAPTERS)
      for (const st of ch.steps)
        for (const h of st.highlight) {
          const [panel, thing, ...rest] = h.split(':');
          const ok =
            (thing === 'panel' && PANELS.includes(panel)) ||
            (panel === 'counters' && thing.startsWith('row-') && ROWS.includes(thing.slice(4))) ||
            (panel === 'statechart' && machineGraph(thing as MachineName).states.some((s) => s.id === rest.join(':')));
          if (!ok) bad.push(`${ch.id}: ${h}`);
        }
    expect(bad).toEqual([]);
  });
});
