// The one registry of named scenarios (docs/model.md, "Presets"): it feeds the preset menu, the
// CLI's --list, the screenshot suite and the gallery. A preset is a set of overrides of
// DEFAULT_SCENARIO; its parameters and what it shows are documented in docs/model.md. Never tune a
// preset with special cases in the engine: only parameters.

import type { Preset, PresetOverrides } from './presetTypes.ts';
import { REPORT_PRESETS } from './reportPresets.ts';
import { cloneScenario, DEFAULT_SCENARIO, type Scenario } from './scenario.ts';

export type { Preset, PresetOverrides, PresetReport } from './presetTypes.ts';

export const DEFAULT_PRESET = 'default';

/**
 * What the presets other than `default` ran before kernel versions replaced the eras (URL v2):
 * era B (= kernel 6.5) and no 32-bit-first attempt (a non-PCI device, e.g. a platform device
 * behind an Arm SMMU). Pinned so their runs, goldens and shared links stay what they were.
 */
const ERA_B: PresetOverrides = { kernel: '6.5', pci: false };

export const PRESETS: readonly Preset[] = [
  {
    name: 'default',
    description: '16 CPUs, lazy mode, 4 KiB storage-like I/O at queue depth 32 from a PCI device, kernel 6.12',
    overrides: {},
  },
  {
    name: 'tiny-lazy',
    description: '2 CPUs, queue depth 4, 16-slot rings: watch single entries move through queue_iova and the timeout',
    overrides: { ...ERA_B, cpus: 2, fqSize: 16, durationMs: 30, workload: { qd: 4, latency: { dist: 'exponential', meanUs: 400, spreadUs: 0 } } },
  },
  {
    name: 'steady-lazy',
    description: '16 CPUs, lazy: per-CPU rings drained by their owners, the timer finds little to do',
    overrides: { ...ERA_B, mode: 'lazy', durationMs: 200 },
  },
  {
    name: 'steady-strict',
    description: 'Same load in strict mode: every unmap waits for a range invalidation on the shared IOMMU queue',
    overrides: { ...ERA_B, mode: 'strict', durationMs: 200 },
  },
  {
    name: 'passthrough',
    description: 'Same load with no translation (identity domain): the throughput ceiling',
    overrides: { ...ERA_B, mode: 'passthrough', durationMs: 200 },
  },
  {
    name: 'pause-unmaps',
    description: 'Lazy, 16 CPUs; CPUs 1–15 stop unmapping for 30 ms at t = 50 ms, so the FQ timeout retires their rings into the timer CPU’s rcache',
    overrides: {
      ...ERA_B,
      durationMs: 150,
      interventions: [{ kind: 'pause', atMs: 50, forMs: 30, cpus: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15] }],
    },
  },
  {
    // Robin Murphy's trigger (Jan 2021, and the seed thread of Nov 2021: "the smoking gun"): unmaps
    // pause, the FQ timeout fires with every ring full and fq_flush_timeout retires them all into
    // the timer CPU's rcache, flooding the depot. On cached sizes it dips and recovers: once the
    // owners unmap again each one retires its own ring at the head of its next queue_iova, before
    // the timer reaches it (docs/model.md, "timeout-flood"). Called `cliff` until issue 20; the
    // alias below keeps `p=cliff` and `--preset cliff` meaning these values.
    name: 'timeout-flood',
    description:
      'Lazy, kernel 6.5, 64 CPUs, mixed sizes with 3% uncached 256 KiB maps, completions on the next CPU; CPUs 1–63 stop unmapping for 30 ms at 100 ms: the timeout floods the timer CPU, throughput dips and recovers',
    overrides: {
      ...ERA_B,
      cpus: 64,
      durationMs: 300,
      workload: {
        completion: 'next',
        sizes: [
          { pages: 1, weight: 60 },
          { pages: 2, weight: 10 },
          { pages: 4, weight: 10 },
          { pages: 8, weight: 8 },
          { pages: 16, weight: 6 },
          { pages: 32, weight: 3 },
          { pages: 64, weight: 3 },
        ],
      },
      interventions: [{ kind: 'pause', atMs: 100, forMs: 30, cpus: Array.from({ length: 63 }, (_, i) => i + 1) }],
    },
    report: {
      source:
        'Robin Murphy, linux-iommu: on John Garry\'s "Solve longterm IOVA issue" (15 Jan 2021) and in the seed thread (Nov 2021, the FQ timeout as "the smoking gun")',
      published:
        'A hypothesis, never measured: "something happens that pauses unmaps long enough for the timer to fire", the depot is flooded with IOVAs of all sizes, and "that keeps happening" because the timeout\'s load keeps giving the timer the chance to expire',
      verdict: 'episodic',
      shows:
        'The flood is real: the timeout retires the paused CPUs\' rings into the timer CPU\'s rcache and throughput falls to 4 % of its level during the pause (0.30 M against 8.64 M). It does not keep happening: when unmaps resume each owner retires its own ring at the head of its next queue_iova, before the timer reaches it, and throughput is back within 10 ms at the level the uncached maps\' slow drift sets without any pause (~7.3 M). cliff.ts calls the run episodic because three 5 ms windows of that drift (157, 228, 260 ms) fall below 70 % of the pre-pause level; the last quarter is 15.7 % down, as without the pause (15.3 %, verdict stable). The FQ timer retires 0.42 % of entries, none queued after its own flush. Kernel 6.7\'s scalable depot changes nothing here (no magazine reaches the tree)',
    },
  },
  {
    name: 'john-storage',
    description: "John Garry's storage test, approximated: 12 fio-like 4 KiB read jobs on 16 CPUs at ~1.6 M IOPS; compare counter reuse off/on",
    overrides: {
      ...ERA_B,
      durationMs: 200,
      workload: { loadCpus: 12, latency: { dist: 'exponential', meanUs: 240, spreadUs: 0 } },
    },
  },
  {
    name: 'single-queue',
    description: 'Kernel 6.7, one shared 32768-entry queue with a 1000 ms timeout (s390-style shadowing IOMMU, slow flushes)',
    overrides: { kernel: '6.7', pci: false, queue: 'single', durationMs: 200, costs: { flushAllNs: 200_000 } },
  },
  ...REPORT_PRESETS,
];

/**
 * Old names that still open their preset (issue 20: `cliff` became `timeout-flood`, same values).
 * A shared link `p=cliff` or a script's `--preset cliff` keeps its meaning; links written from now
 * on name the new preset. presetPins.ts pins the old name too, so its meaning cannot drift.
 */
export const PRESET_ALIASES: Readonly<Record<string, string>> = { cliff: 'timeout-flood' };

/** The registry name for `name`: itself, or what an old name (PRESET_ALIASES) now is. */
export function canonicalPresetName(name: string): string {
  return Object.hasOwn(PRESET_ALIASES, name) ? PRESET_ALIASES[name] : name;
}

export function findPreset(name: string): Preset | undefined {
  const canonical = canonicalPresetName(name);
  return PRESETS.find((p) => p.name === canonical);
}

/** The full scenario of a preset. */
export function presetScenario(name: string): Scenario {
  const p = findPreset(name);
  if (!p) throw new Error(`unknown preset "${name}"`);
  // an alias resolves to its preset's overrides (findPreset)
  return applyOverrides(cloneScenario(DEFAULT_SCENARIO), p.overrides);
}

export function applyOverrides(s: Scenario, o: PresetOverrides): Scenario {
  const { workload, costs, ...top } = JSON.parse(JSON.stringify(o)) as PresetOverrides;
  Object.assign(s, top);
  if (workload) Object.assign(s.workload, workload);
  if (costs) Object.assign(s.costs, costs);
  return s;
}
