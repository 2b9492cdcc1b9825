// runScenario (README, "Command line"): determinism, the trace hash, and the summary's fields.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runScenario } from './run.ts';
import { rehash } from './testing/reemit.ts';
import { runLogged, scenarioArb, smallScenario } from './testing/scenarios.ts';

describe('runScenario', () => {
  it('the same scenario and seed give the identical summary and traceHash, recorded or not', () => {
    fc.assert(
      fc.property(scenarioArb({ modeSwitches: true, migrations: true }), (s) => {
        const a = runScenario(s);
        const b = runScenario(structuredClone(s), { recordLimit: 1_000_000 });
        expect(b.summary).toEqual(a.summary);
        expect(b.trace.hash()).toBe(a.summary.traceHash);
      }),
      { numRuns: 15 },
    );
  });

  it('a different seed gives a different trace (random workload draws)', () => {
    fc.assert(
      fc.property(scenarioArb({ fixed: { mode: 'lazy' } }), fc.integer({ min: 1, max: 1000 }), (s, d) => {
        s.workload.latency = { dist: 'exponential', meanUs: 20, spreadUs: 0 };
        const other = { ...s, seed: (s.seed + d) >>> 0 };
        expect(runScenario(other).summary.traceHash).not.toBe(runScenario(s).summary.traceHash);
      }),
      { numRuns: 15 },
    );
  });

  it('traceHash equals the hash recomputed from the recorded events, in either order, after a JSON round trip', () => {
    for (const s of [smallScenario(), smallScenario({ allocator: 'kernel', cpus: 4, mode: 'lazy', fqSize: 8 }), smallScenario({ mode: 'strict' })]) {
      const { summary, log } = runLogged(s);
      const json = log.events.map((e) => JSON.parse(JSON.stringify(e)));
      expect(rehash(json)).toBe(summary.traceHash);
      expect(rehash(log.emitted)).toBe(summary.traceHash);
      // Change one recorded value: the hash no longer matches.
      const i = json.findIndex((e) => e.ev === 'unmap');
      json[i].pfn += 1;
      expect(rehash(json)).not.toBe(summary.traceHash);
    }
  });

  it('the test helper runLogged gives exactly runScenario’s summary', () => {
    const s = smallScenario({ cpus: 3, durationMs: 2 });
    expect(runLogged(s).summary).toEqual(runScenario(s).summary);
  });

  it('the summary has the documented summary fields with sensible values', () => {
    const s = smallScenario({ durationMs: 5 });
    const { summary: m } = runScenario(s, { name: 'x' });
    expect(m.scenario).toBe('x');
    expect(m.simulatedMs).toBe(5);
    expect(m.wallMs).toBe(0); // no clock given: the simulation never reads one
    expect(m.ios).toBeGreaterThan(0);
    expect(m.iops).toBe(Math.round((m.ios / 5) * 1000));
    expect(Object.keys(m.flushes).sort()).toEqual(['full', 'timeout']);
    for (const k of ['freesByOwner', 'freesByTimer', 'magsToRbtree', 'rbtreeNodesMax', 'staleIotlbMaxNs'] as const) expect(Number.isFinite(m[k])).toBe(true);
    expect(m.iopsSeries).toHaveLength(5);
    expect(m.iopsSeries.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
    expect(m.traceHash).toMatch(/^[0-9a-f]{8}$/);
    // Every unmap is either retired by its owner or by the timer, or still queued at the end.
    expect(m.freesByOwner + m.freesByTimer).toBeLessThanOrEqual(m.ios);
  });

  it('a wall clock, when given, only affects wallMs', () => {
    const s = smallScenario({ durationMs: 1 });
    let t = 0;
    const a = runScenario(s, { clock: () => (t += 7) });
    const b = runScenario(s);
    expect(a.summary.wallMs).toBe(7);
    expect({ ...a.summary, wallMs: 0 }).toEqual(b.summary);
  });
});
