// validateScenario (src/sim/validate.ts): every field range-checked, every error names the field and
// the allowed range or set, unknown keys reported, nothing clamped, single queue only from kernel 6.7.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_COSTS } from './costs.ts';
import { KERNEL_IDS } from './kernel/versions.ts';
import { cloneScenario, DEFAULT_SCENARIO, type Scenario } from './scenario.ts';
import { validateScenario } from './validate.ts';

/** Numeric fields, the path to set them, and their allowed range (validate.ts). */
const NUMERIC: { path: string; min: number; max: number; int: boolean }[] = [
  { path: 'seed', min: 0, max: 0xffffffff, int: true },
  { path: 'cpus', min: 1, max: 512, int: true },
  { path: 'fqSize', min: 0, max: 65536, int: true },
  { path: 'fqTimeoutMs', min: 0, max: 10000, int: false },
  { path: 'timerHz', min: 0, max: 1000, int: true },
  { path: 'magSize', min: 0, max: 1024, int: true },
  { path: 'depotMax', min: 1, max: 4096, int: true },
  { path: 'reclaimDelayMs', min: 1, max: 10000, int: false },
  { path: 'iotlbEntries', min: 1, max: 65536, int: true },
  { path: 'dmaBits', min: 33, max: 64, int: true },
  { path: 'durationMs', min: 0.001, max: 600000, int: false },
  { path: 'workload.loadCpus', min: 0, max: 512, int: true },
  { path: 'workload.qd', min: 1, max: 4096, int: true },
  { path: 'workload.completionCpu', min: 0, max: 511, int: true },
  { path: 'workload.latency.meanUs', min: 0.1, max: 1e6, int: false },
  { path: 'workload.latency.spreadUs', min: 0, max: 1e6, int: false },
  ...Object.keys(DEFAULT_COSTS).map((k) => ({ path: `costs.${k}`, min: 0, max: 1e9, int: true })),
];

const ENUMS: { path: string; allowed: string[] }[] = [
  { path: 'mode', allowed: ['strict', 'lazy', 'passthrough'] },
  { path: 'queue', allowed: ['percpu', 'single'] },
  { path: 'allocator', allowed: ['kernel', 'standin'] },
  { path: 'workload.completion', allowed: ['same', 'next', 'random', 'fixed'] },
  { path: 'workload.latency.dist', allowed: ['fixed', 'uniform', 'exponential'] },
];

/** A partial input object with only `path` set to v (nested objects as needed). */
function withField(path: string, v: unknown): Record<string, unknown> {
  const parts = path.split('.');
  const root: Record<string, unknown> = {};
  let o = root;
  parts.slice(0, -1).forEach((p) => {
    o[p] = {};
    o = o[p] as Record<string, unknown>;
  });
  o[parts[parts.length - 1]] = v;
  return root;
}

function get(s: Scenario, path: string): unknown {
  return path.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], s);
}

const fmt = (x: number) => String(x);

describe('validateScenario', () => {
  it('accepts the defaults unchanged', () => {
    const { scenario, errors } = validateScenario(DEFAULT_SCENARIO);
    expect(errors).toEqual([]);
    expect(scenario).toEqual(DEFAULT_SCENARIO);
  });

  it('a missing field takes its default; an empty object is the default scenario', () => {
    expect(validateScenario({})).toEqual({ scenario: DEFAULT_SCENARIO, errors: [] });
  });

  it('rejects a non-object', () => {
    for (const bad of [null, 3, 'x', [1]]) expect(validateScenario(bad).errors.length).toBe(1);
  });

  it('every out-of-range number: one error naming the field and the range, and the default kept (nothing clamped)', () => {
    const field = fc.constantFrom(...NUMERIC);
    const badValue = field.chain((f) =>
      fc.tuple(
        fc.constant(f),
        fc.oneof(
          fc.double({ max: f.min, maxExcluded: true, noNaN: true, noDefaultInfinity: true, min: f.min - 1e6 }).filter((x) => !Object.is(x, -0)), // -0 equals 0
          fc.double({ min: f.max, minExcluded: true, noNaN: true, max: f.max + 1e6 }),
          fc.constantFrom(NaN, Infinity, -Infinity, '5', null, true),
          ...(f.int ? [fc.double({ min: f.min, max: f.max, noNaN: true }).filter((x) => !Number.isInteger(x))] : []),
        ),
      ),
    );
    fc.assert(
      fc.property(badValue, ([f, v]) => {
        const { scenario, errors } = validateScenario(withField(f.path, v));
        expect(errors).toHaveLength(1);
        expect(errors[0].startsWith(`${f.path}:`)).toBe(true);
        expect(errors[0]).toContain(`[${fmt(f.min)}, ${fmt(f.max)}]`);
        expect(get(scenario, f.path)).toEqual(get(DEFAULT_SCENARIO, f.path));
      }),
      { numRuns: 300 },
    );
  });

  it('every in-range number is kept as given', () => {
    const inRange = fc.constantFrom(...NUMERIC.filter((f) => !['workload.loadCpus', 'workload.completionCpu', 'fqSize'].includes(f.path))).chain((f) =>
      fc.tuple(fc.constant(f), f.int ? fc.integer({ min: f.min, max: Math.min(f.max, 2 ** 31 - 1) }) : fc.double({ min: f.min, max: f.max, noNaN: true })),
    );
    fc.assert(
      fc.property(inRange, ([f, v]) => {
        const { scenario, errors } = validateScenario(withField(f.path, v));
        expect(errors).toEqual([]);
        expect(get(scenario, f.path)).toBe(v);
      }),
      { numRuns: 200 },
    );
  });

  it('fqSize must be 0 or a power of two', () => {
    for (const ok of [0, 2, 8, 256, 32768, 65536]) expect(validateScenario({ fqSize: ok }).errors).toEqual([]);
    for (const bad of [1, 3, 100, 255]) {
      const { scenario, errors } = validateScenario({ fqSize: bad });
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/^fqSize: .*power of two/);
      expect(scenario.fqSize).toBe(DEFAULT_SCENARIO.fqSize);
    }
  });

  it('every bad enum value: an error naming the field and listing the allowed values', () => {
    for (const { path, allowed } of ENUMS) {
      const { scenario, errors } = validateScenario(withField(path, 'bogus'));
      expect(errors).toHaveLength(1);
      expect(errors[0].startsWith(`${path}:`)).toBe(true);
      for (const a of allowed) expect(errors[0]).toContain(a);
      expect(get(scenario, path)).toEqual(get(DEFAULT_SCENARIO, path));
    }
  });

  it('booleans must be booleans', () => {
    for (const k of ['counterReuse', 'pci', 'forcedac']) {
      const { errors } = validateScenario({ [k]: 1 });
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(new RegExp(`^${k}: .*true or false`));
    }
  });

  it('reports unknown keys at every level, by their path', () => {
    const { errors } = validateScenario({
      bogus: 1,
      workload: { qdd: 4, latency: { dist: 'fixed', meanUs: 5, spreadUs: 0, jitter: 1 }, sizes: [{ pages: 1, weight: 1, align: 2 }] },
      costs: { flushAllNS: 5 },
    });
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^bogus: unknown key/),
        expect.stringMatching(/^workload\.qdd: unknown key/),
        expect.stringMatching(/^workload\.latency\.jitter: unknown key/),
        expect.stringMatching(/^workload\.sizes\[0\]\.align: unknown key/),
        expect.stringMatching(/^costs\.flushAllNS: unknown key/),
      ]),
    );
    expect(errors).toHaveLength(5);
  });

  it('reports every error at once and keeps the valid fields', () => {
    const { scenario, errors } = validateScenario({ cpus: 0, mode: 'strict', fqTimeoutMs: -1, kernel: '4.9', seed: 9 });
    expect(errors).toHaveLength(3);
    expect(scenario.mode).toBe('strict');
    expect(scenario.seed).toBe(9);
    expect(scenario.cpus).toBe(DEFAULT_SCENARIO.cpus);
  });

  it('an unknown kernel version: a message naming kv and listing every modelled version', () => {
    const { scenario, errors } = validateScenario({ kernel: '6.3' });
    expect(errors).toEqual([`kernel (URL key kv): "6.3" is not a version the lab models; expected one of ${KERNEL_IDS.join(' | ')}`]);
    expect(errors[0]).toContain('5.4 | 5.10 | 5.11');
    expect(scenario.kernel).toBe(DEFAULT_SCENARIO.kernel);
    expect(validateScenario({ kernel: 6.7 }).errors).toHaveLength(1);
  });

  it('the single queue exists only from kernel 6.7', () => {
    for (const kernel of ['5.15', '6.5', '6.6'] as const) {
      const { scenario, errors } = validateScenario({ kernel, queue: 'single' });
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/^queue: .*single.*from kernel 6\.7/);
      expect(scenario.queue).toBe('percpu');
    }
    expect(validateScenario({ kernel: '6.7', queue: 'single' }).errors).toEqual([]);
    expect(validateScenario({ kernel: '6.12', queue: 'single' }).errors).toEqual([]);
  });

  it('CPU references must name existing CPUs', () => {
    expect(validateScenario({ cpus: 4, workload: { loadCpus: 5 } }).errors[0]).toMatch(/^workload\.loadCpus: .*cpus/);
    expect(validateScenario({ cpus: 4, workload: { completion: 'fixed', completionCpu: 4 } }).errors[0]).toMatch(/^workload\.completionCpu: CPU 4 does not exist; expected 0\.\.3/);
    const piv = validateScenario({ cpus: 4, interventions: [{ kind: 'pause', atMs: 1, forMs: 1, cpus: [1, 7] }] });
    expect(piv.errors[0]).toMatch(/^interventions\[0\]\.cpus: CPU 7/);
    expect(piv.scenario.interventions).toEqual([]);
    const miv = validateScenario({ cpus: 4, interventions: [{ kind: 'migrate', atMs: 1, from: 0, to: 9 }] });
    expect(miv.errors[0]).toMatch(/^interventions\[0\]\.to: CPU 9/);
  });

  it('checks interventions field by field', () => {
    const { scenario, errors } = validateScenario({
      interventions: [
        { kind: 'pause', atMs: -1, forMs: 1, cpus: [0] },
        { kind: 'mode', atMs: 1, mode: 'turbo' },
        { kind: 'explode', atMs: 1 },
        { kind: 'migrate', atMs: 2, from: 1, to: 0 },
      ],
    });
    expect(errors).toEqual([
      expect.stringMatching(/^interventions\[0\]\.atMs: .*\[0, 600000\]/),
      expect.stringMatching(/^interventions\[1\]\.mode: .*strict \| lazy \| passthrough/),
      expect.stringMatching(/^interventions\[2\]\.kind: .*pause \| mode \| migrate/),
    ]);
    expect(scenario.interventions).toEqual([{ kind: 'migrate', atMs: 2, from: 1, to: 0 }]);
  });

  it('checks the size mix', () => {
    expect(validateScenario({ workload: { sizes: [] } }).errors[0]).toMatch(/^workload\.sizes: /);
    const { errors } = validateScenario({ workload: { sizes: [{ pages: 0, weight: 1 }] } });
    expect(errors[0]).toMatch(/^workload\.sizes\[0\]\.pages: .*\[1, 65536\]/);
  });

  it('rejects another schema version', () => {
    expect(validateScenario({ version: 2 }).errors[0]).toMatch(/^version: /);
  });

  it('does not mutate its input', () => {
    const input = cloneScenario(DEFAULT_SCENARIO);
    input.cpus = 0;
    const copy = JSON.parse(JSON.stringify(input));
    validateScenario(input);
    expect(input).toEqual(copy);
  });
});
