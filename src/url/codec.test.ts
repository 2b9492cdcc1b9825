// Scenario <-> URL hash (DESIGN.md §3.4): round trips for every preset and random valid scenarios,
// specific messages for invalid parts (valid parts kept), and no throw on any input.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PRESET, presetScenario, PRESETS } from '../sim/presets.ts';
import { DEFAULT_SCENARIO, type Scenario } from '../sim/scenario.ts';
import { scenarioArb } from '../sim/testing/scenarios.ts';
import { validateScenario } from '../sim/validate.ts';
import { decodeHash, encodeHash } from './codec.ts';

const presetArb = fc.constantFrom(...PRESETS.map((p) => p.name));

/** A valid scenario derived from a preset, with some fields redrawn. */
const derivedArb = fc.tuple(presetArb, scenarioArb({ modeSwitches: true, migrations: true }), fc.array(fc.constantFrom('mode', 'cpus', 'era', 'workload', 'costs', 'interventions', 'counterReuse', 'seed', 'fqSize'), { maxLength: 5 })).map(([p, random, keys]) => {
  const s = presetScenario(p);
  for (const k of keys) (s as unknown as Record<string, unknown>)[k] = structuredClone((random as unknown as Record<string, unknown>)[k]);
  // Keep cross-field rules valid after mixing.
  if (s.queue === 'single' && s.era !== 'C') s.queue = 'percpu';
  return { preset: p, s: validateScenario(s).scenario };
});

describe('URL codec', () => {
  it('round-trips every preset, relative to itself and to the default', () => {
    for (const p of PRESETS) {
      const s = presetScenario(p.name);
      const own = encodeHash(s, p.name);
      expect(own === 'v=1' || own.startsWith(`v=1&p=`)).toBe(true);
      const d = decodeHash(own);
      expect(d.errors).toEqual([]);
      expect(d.preset).toBe(p.name);
      expect(d.scenario).toEqual(s);
      const rel = decodeHash(`#${encodeHash(s)}`);
      expect(rel.errors).toEqual([]);
      expect(rel.scenario).toEqual(s);
    }
  });

  it('writes only values that differ from the base preset, with the fixed short keys', () => {
    expect(encodeHash(DEFAULT_SCENARIO)).toBe('v=1');
    const s = structuredClone(DEFAULT_SCENARIO);
    s.mode = 'strict';
    s.era = 'C';
    s.queue = 'single';
    s.counterReuse = true;
    s.cpus = 4;
    s.seed = 77;
    const h = encodeHash(s, DEFAULT_PRESET, 123456);
    const params = new URLSearchParams(h);
    expect(Object.fromEntries(params)).toEqual({ v: '1', mode: 'strict', era: 'C', q: 'single', cr: '1', cpus: '4', seed: '77', t: '123456' });
    const d = decodeHash(h);
    expect(d.scenario).toEqual(s);
    expect(d.t).toBe(123456);
  });

  it('round-trips random valid scenarios relative to random presets (with t and extra keys)', () => {
    fc.assert(
      fc.property(derivedArb, fc.option(fc.nat()), ({ preset, s }, t) => {
        expect(validateScenario(s).errors).toEqual([]);
        const h = encodeHash(s, preset, t ?? undefined, { focus: 'ring 3&x' });
        const d = decodeHash(h, ['focus']);
        expect(d.errors).toEqual([]);
        expect(d.scenario).toEqual(s);
        expect(d.preset).toBe(preset);
        expect(d.t).toBe(t ?? undefined);
        expect(d.extra).toEqual({ focus: 'ring 3&x' });
      }),
      { numRuns: 200 },
    );
  });

  it('the order of keys does not matter', () => {
    const a = decodeHash('v=1&era=C&q=single&cpus=2&cc=1&cp=fixed');
    const b = decodeHash('v=1&cp=fixed&cc=1&q=single&cpus=2&era=C');
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    expect(b.scenario).toEqual(a.scenario);
    expect([a.scenario.queue, a.scenario.workload.completionCpu]).toEqual(['single', 1]);
  });

  it('a bad value: a message naming its key; the other keys kept; the result is a valid scenario', () => {
    const cases: [string, RegExp][] = [
      ['mode=turbo', /^mode: /],
      ['era=D', /^era: /],
      ['cpus=0', /^cpus: /],
      ['cpus=abc', /^cpus: /],
      ['seed=-1', /^seed: /],
      ['seed=1.5', /^seed: /],
      ['cr=2', /^cr: /],
      ['fq=100', /^fq: /],
      ['qd=0', /^qd: /],
      ['sz=1', /^sz: /],
      ['sz=1:0', /^sz: /],
      ['lat=gauss:1:2', /^lat: /],
      ['iv=explode@3', /^iv: /],
      ['iv=pause@1+1:99', /interventions\[0\]\.cpus/],
      ['c.flushAllNs=-5', /^c\.flushAllNs: /],
      ['t=-3', /^t: /],
      ['t=1.5', /^t: /],
      ['zzz=1', /^zzz: unknown key/],
      ['p=nope', /^p: unknown preset "nope"/],
      ['v=9', /^v: /],
    ];
    for (const [part, re] of cases) {
      const d = decodeHash(`v=1&cpus=3&${part}&seed=42`);
      if (part === 'v=9') expect(d.errors.some((e) => re.test(e))).toBe(true);
      else {
        expect({ part, errors: d.errors }).toEqual({ part, errors: [expect.stringMatching(re)] });
      }
      expect(validateScenario(d.scenario).errors).toEqual([]);
      if (!part.startsWith('cpus') && !part.startsWith('iv=pause')) expect(d.scenario.cpus).toBe(3);
      if (!part.startsWith('seed')) expect(d.scenario.seed).toBe(42);
    }
  });

  it('single queue outside era C is reported (cross-field rule) and not applied', () => {
    const d = decodeHash('v=1&era=B&q=single');
    expect(d.errors).toEqual([expect.stringMatching(/^queue: .*era C/)]);
    expect(d.scenario.queue).toBe('percpu');
  });

  it('an over-long hash is cut with a message, not rejected', () => {
    const d = decodeHash(`v=1&seed=5&x=${'a'.repeat(5000)}`);
    expect(d.errors.some((e) => /characters long/.test(e))).toBe(true);
    expect(d.scenario.seed).toBe(5);
  });

  it('never throws on random strings or mutated valid hashes, and always returns a valid scenario', () => {
    const valid = PRESETS.map((p) => encodeHash({ ...presetScenario(p.name), seed: 3, cpus: 5, counterReuse: true }, p.name));
    const mutated = fc.tuple(fc.constantFrom(...valid), fc.array(fc.tuple(fc.nat(), fc.string({ maxLength: 6 }), fc.nat(4)), { maxLength: 4 })).map(([h, edits]) => {
      let s = h;
      for (const [pos, str, del] of edits) {
        const i = pos % (s.length + 1);
        s = s.slice(0, i) + str + s.slice(i + del);
      }
      return s;
    });
    const junk = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.array(fc.tuple(fc.constantFrom('seed', 'mode', 'era', 'q', 'cr', 'cpus', 'iv', 'sz', 'lat', 't', 'p', 'v', 'c.flushAllNs', '%', '__proto__', 'constructor'), fc.string({ maxLength: 12 })), { maxLength: 6 }).map((kv) => kv.map(([k, v]) => `${k}=${v}`).join('&')),
    );
    fc.assert(
      fc.property(fc.oneof(mutated, junk), (h) => {
        const d = decodeHash(h);
        expect(Array.isArray(d.errors)).toBe(true);
        expect(validateScenario(d.scenario).errors).toEqual([]);
        for (const e of d.errors) expect(e.length).toBeGreaterThan(3);
      }),
      { numRuns: 2000 },
    );
  });

  it('a hostile key cannot reach the prototype', () => {
    const d = decodeHash('v=1&__proto__=1&constructor=2&toString=3&seed=8');
    expect(d.errors).toHaveLength(3);
    expect(d.scenario.seed).toBe(8);
    expect(Object.getPrototypeOf(d.scenario)).toBe(Object.prototype);
    expect(validateScenario(d.scenario).errors).toEqual([]);
  });

  // Regression: FIELDS is a plain object, so FIELDS['constructor'] / ['toString'] / ['__proto__']
  // are inherited members; the codec once called their .set ("f.set is not a function") instead of
  // reporting an unknown key. Keys are now looked up with Object.hasOwn.
  it('keys named like Object.prototype members are reported as unknown keys', () => {
    const d = decodeHash('v=1&constructor=2&toString=3&__proto__=1');
    expect(d.errors).toEqual([expect.stringMatching(/^constructor: unknown key/), expect.stringMatching(/^toString: unknown key/), expect.stringMatching(/^__proto__: unknown key/)]);
  });
});

describe('URL codec, numeric edge cases', () => {
  it('round-trips any valid number in the continuous fields, including tiny ones written in exponent form', () => {
    const fields = fc.record({
      fqTimeoutMs: fc.double({ min: 0, max: 10000, noNaN: true }),
      spreadUs: fc.double({ min: 0, max: 1e6, noNaN: true }),
      weight: fc.double({ min: 0.001, max: 1e6, noNaN: true }),
    });
    fc.assert(
      fc.property(fields, (f) => {
        const s: Scenario = structuredClone(DEFAULT_SCENARIO);
        s.fqTimeoutMs = f.fqTimeoutMs;
        s.workload.latency = { dist: 'uniform', meanUs: 80, spreadUs: f.spreadUs };
        s.workload.sizes = [{ pages: 1, weight: f.weight }];
        const d = decodeHash(encodeHash(s));
        expect(d.errors).toEqual([]);
        expect(d.scenario).toEqual(s);
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips intervention times and lengths at µs resolution', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 600_000_000 }), fc.integer({ min: 1, max: 600_000_000 }), (atUs, lenUs) => {
        const s: Scenario = structuredClone(DEFAULT_SCENARIO);
        s.interventions = [
          { kind: 'pause', atMs: atUs / 1000, forMs: lenUs / 1000, cpus: [1, 2] },
          { kind: 'mode', atMs: atUs / 1000, mode: 'strict' },
          { kind: 'migrate', atMs: atUs / 1000, from: 1, to: 2 },
        ];
        const d = decodeHash(encodeHash(s));
        expect(d.errors).toEqual([]);
        expect(d.scenario).toEqual(s);
      }),
      { numRuns: 300 },
    );
  });

  // Regression: String(1e-7) is "1e-7", which encodeIntervention writes as "mode@1e-7:strict";
  // decodeIntervention's patterns once accepted only [\d.]+ for times. They accept exponents now.
  it('round-trips an intervention time written in exponent form (atMs = 1e-7)', () => {
    const s: Scenario = structuredClone(DEFAULT_SCENARIO);
    s.interventions = [{ kind: 'mode', atMs: 1e-7, mode: 'strict' }];
    expect(validateScenario(s).errors).toEqual([]);
    const d = decodeHash(encodeHash(s));
    expect(d.errors).toEqual([]);
    expect(d.scenario).toEqual(s);
  });
});
