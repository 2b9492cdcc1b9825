// The observables' --metrics CSV columns (README "The --metrics CSV"): a column per new series and
// per size class, and the per-class columns add up to the totals. (Beside the CSV writer: src/sim
// may not import the CLI.)

import { describe, expect, it } from 'vitest';
import { presetScenario } from '../sim/presets.ts';
import { runScenario } from '../sim/run.ts';
import type { Scenario } from '../sim/scenario.ts';
import { metricsCsv } from '../sim/metricsCsv.ts';

function scenario(edit: (s: Scenario) => void): Scenario {
  const s = presetScenario('default');
  edit(s);
  return s;
}

describe('observables in the metrics CSV', () => {
  it('the --metrics CSV has a column per new series and per size class', () => {
    const { engine } = runScenario(scenario((s) => ((s.cpus = 4), (s.durationMs = 3))));
    const [head, ...rows] = metricsCsv(engine.metrics.series).trim().split('\n');
    const cols = head.split(',');
    for (const c of ['alloc_cpu_pct', 'rbtree_spinners_mean', 'rbtree_spinners_max', 'rbtree_wait_mean_ns', 'rbtree_wait_max_ns', 'irq_off_max_ns', 'timeout_ns']) expect(cols).toContain(c);
    for (let k = 0; k < 6; k++) expect(cols).toEqual(expect.arrayContaining([`depot_mags_c${k}`, `cpu_cached_c${k}`]));
    expect(rows).toHaveLength(3);
    for (const r of rows) expect(r.split(',')).toHaveLength(cols.length);
    // The per-class columns add up to the totals.
    const at = (r: string, name: string) => Number(r.split(',')[cols.indexOf(name)]);
    for (const r of rows) {
      let cached = 0;
      let depot = 0;
      for (let k = 0; k < 6; k++) {
        cached += at(r, `cpu_cached_c${k}`);
        depot += at(r, `depot_mags_c${k}`);
      }
      expect(cached).toBe(at(r, 'cpu_cached'));
      expect(depot).toBe(at(r, 'depot_mags'));
    }
    expect(rows.some((r) => at(r, 'cpu_cached') > 0)).toBe(true);
  });
});
