// fast-check arbitraries for the URL tests: valid scenarios over the whole schema (every field
// across its validated range, unlike src/sim/testing/scenarios.ts which keeps runs small), and
// view states that fit them. Not a test file; not used by production code.

import fc from 'fast-check';
import { DEFAULT_COSTS, type Costs } from '../../sim/costs.ts';
import { KERNEL_IDS, kernelRules } from '../../sim/kernel/versions.ts';
import { PRESETS } from '../../sim/presets.ts';
import { cloneScenario, DEFAULT_SCENARIO, resolve, type Intervention, type Scenario } from '../../sim/scenario.ts';
import { validateScenario } from '../../sim/validate.ts';
import { PANEL_IDS } from '../view.ts';
import type { ViewState } from '../view.ts';
import { scenarioB, type CmpPart } from '../compare.ts';

const dbl = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const COST_KEYS = Object.keys(DEFAULT_COSTS) as (keyof Costs)[];

const interventionArb = (cpus: number): fc.Arbitrary<Intervention> =>
  fc.oneof(
    fc.record({
      kind: fc.constant('pause' as const),
      atMs: dbl(0, 600000),
      forMs: dbl(0.001, 600000),
      cpus: fc.uniqueArray(fc.nat(cpus - 1), { minLength: 1, maxLength: Math.min(cpus, 40) }),
    }),
    fc.record({ kind: fc.constant('mode' as const), atMs: dbl(0, 600000), mode: fc.constantFrom('strict', 'lazy', 'passthrough' as const) }),
    fc.record({ kind: fc.constant('migrate' as const), atMs: dbl(0, 600000), from: fc.nat(cpus - 1), to: fc.nat(cpus - 1) }),
    fc.record({
      kind: fc.constant('sizes' as const),
      atMs: dbl(0, 600000),
      sizes: fc.array(fc.record({ pages: fc.integer({ min: 1, max: 65536 }), weight: dbl(0.001, 1e6) }), { minLength: 1, maxLength: 16 }),
    }),
    fc.record({
      kind: fc.constant('burst' as const),
      atMs: dbl(0, 600000),
      count: fc.integer({ min: 1, max: 100000 }),
      pages: fc.integer({ min: 1, max: 65536 }),
      cpu: fc.nat(cpus - 1),
      holdMs: dbl(0, 600000),
    }),
  );

/** Any valid scenario (all fields drawn, each across its allowed range). */
export const anyScenarioArb: fc.Arbitrary<Scenario> = fc
  .integer({ min: 1, max: 512 })
  .chain((cpus) =>
    fc.record({
      cpus: fc.constant(cpus),
      seed: fc.integer({ min: 0, max: 0xffffffff }),
      kernel: fc.constantFrom(...KERNEL_IDS),
      single: fc.boolean(),
      mode: fc.constantFrom('strict', 'lazy', 'passthrough' as const),
      counterReuse: fc.boolean(),
      fqSize: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 16 }).map((k) => 2 ** k)),
      fqTimeoutMs: dbl(0, 10000),
      timerHz: fc.integer({ min: 0, max: 1000 }),
      magSize: fc.integer({ min: 0, max: 1024 }),
      depotMax: fc.integer({ min: 1, max: 4096 }),
      reclaimDelayMs: dbl(1, 10000),
      iotlbEntries: fc.integer({ min: 1, max: 65536 }),
      dmaBits: fc.integer({ min: 33, max: 64 }),
      pci: fc.boolean(),
      forcedac: fc.boolean(),
      allocator: fc.constantFrom('kernel', 'standin' as const),
      loadCpus: fc.integer({ min: 0, max: cpus }),
      qd: fc.integer({ min: 1, max: 4096 }),
      sizes: fc.array(fc.record({ pages: fc.integer({ min: 1, max: 65536 }), weight: dbl(0.001, 1e6) }), { minLength: 1, maxLength: 16 }),
      latency: fc.record({ dist: fc.constantFrom('fixed', 'uniform', 'exponential' as const), meanUs: dbl(0.1, 1e6), spreadUs: dbl(0, 1e6) }),
      completion: fc.constantFrom('same', 'next', 'random', 'fixed', 'hwq' as const),
      completionCpu: fc.nat(cpus - 1),
      migrateMs: fc.oneof(fc.constant(0), dbl(0, 1e6)),
      interventions: fc.array(interventionArb(cpus), { maxLength: 8 }),
      costs: fc.dictionary(fc.constantFrom(...COST_KEYS), fc.integer({ min: 0, max: 1e9 }), { maxKeys: 4 }),
      durationMs: dbl(0.001, 600000),
      granuleKiB: fc.constantFrom(4, 64),
      deviceBps: fc.oneof(fc.constant(0), dbl(0, 1e13)),
      devices: fc.integer({ min: 1, max: 64 }),
      numaNodes: fc.integer({ min: 1, max: Math.min(64, cpus) }),
      atomics: fc.constantFrom('flat', 'arm64' as const),
      aged: fc.uniqueArray(fc.record({ cls: fc.integer({ min: 0, max: 5 }), cpuIovas: fc.nat(1e6), depotIovas: fc.nat(1e6) }), { maxLength: 6, selector: (a) => a.cls }),
      hwQueues: fc.integer({ min: 1, max: cpus }),
    }),
  )
  .map((x) => {
    const s = cloneScenario(DEFAULT_SCENARIO);
    const { single, loadCpus, qd, sizes, latency, completion, completionCpu, migrateMs, costs, hwQueues, ...top } = x;
    Object.assign(s, top);
    s.queue = single && kernelRules(x.kernel)!.singleQueue ? 'single' : 'percpu';
    Object.assign(s.workload, { loadCpus, qd, sizes, latency, completion, completionCpu, migrateMs, hwQueues });
    Object.assign(s.costs, costs);
    const { errors } = validateScenario(s);
    if (errors.length) throw new Error(`anyScenarioArb made an invalid scenario: ${errors.join('; ')}`);
    return s;
  });

export const presetNameArb = fc.constantFrom(...PRESETS.map((p) => p.name));

/** A view that fits `s`: a moment within the run, an existing CPU, some of the panels, a page. */
export const viewArb = (s: Scenario): fc.Arbitrary<ViewState> =>
  fc.record(
    {
      t: fc.integer({ min: 0, max: resolve(s).durationNs }),
      focusCpu: fc.nat(s.cpus - 1),
      panels: fc.subarray([...PANEL_IDS]),
      page: fc.constantFrom('lab', 'gallery' as const),
      cmp: cmpArb(s),
      embed: fc.boolean(),
    },
    { requiredKeys: [] },
  );

/**
 * A/B compare (issue 16): a valid `cmp` difference list for scenario `s` (mode, counter reuse,
 * seed, FQ timeout, a kernel version that keeps B valid), canonical as decodeCmp returns it.
 */
export const cmpArb = (s: Scenario): fc.Arbitrary<CmpPart[]> => {
  const kernels = KERNEL_IDS.filter((k) => s.queue !== 'single' || kernelRules(k)!.singleQueue);
  return fc
    .record(
      {
        mode: fc.constantFrom('strict', 'lazy', 'passthrough'),
        cr: fc.constantFrom('0', '1'),
        seed: fc.integer({ min: 0, max: 0xffffffff }).map(String),
        fqt: fc.integer({ min: 0, max: 10000 }).map(String),
        kv: fc.constantFrom(...kernels),
      },
      { requiredKeys: [] },
    )
    .filter((r) => Object.keys(r).length > 0)
    .map((r) => Object.entries(r).map(([key, value]) => ({ key, value: value as string })))
    .filter((diff) => scenarioB(s, diff).scenario !== null);
};
