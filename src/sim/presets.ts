// The one registry of named scenarios (docs/model.md, "Presets"): it feeds the preset menu, the
// CLI's --list, the screenshot suite and the gallery. A preset is a set of overrides of
// DEFAULT_SCENARIO; its parameters and what it shows are documented in docs/model.md. Never tune a
// preset with special cases in the engine: only parameters.

import { cloneScenario, DEFAULT_SCENARIO, type Scenario } from './scenario.ts';

export interface Preset {
  name: string;
  /** One line for menus and --list. */
  description: string;
  /** Overrides applied to DEFAULT_SCENARIO (deep-merged for workload and costs). */
  overrides: PresetOverrides;
  /**
   * How many ms the gallery preview simulates when the telling moment is not an intervention (a
   * collapse that emerges on its own); the preview's CPU·ms budget applies otherwise.
   */
  previewMs?: number;
  /** For a preset that reproduces a published report: what the gallery card states. */
  report?: PresetReport;
}

/** A published report, its numbers, and what the engine makes of the preset (issue 20). */
export interface PresetReport {
  /** Who reported it, where and when. */
  source: string;
  /** The published numbers or shape, as reported. */
  published: string;
  /** cliff.ts's verdict on the preset's whole run at seed 1 (presetReports.test.ts checks it). */
  verdict: 'stable' | 'dip-recovered' | 'episodic' | 'cliff';
  /** What the lab shows, and what the upstream fix does to it. */
  shows: string;
}

export type PresetOverrides = Partial<Omit<Scenario, 'workload' | 'costs'>> & {
  workload?: Partial<Scenario['workload']>;
  costs?: Partial<Scenario['costs']>;
};

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
    name: 'cliff',
    description:
      'Lazy, kernel 6.5, 64 CPUs, mixed sizes with 3% uncached 256 KiB maps, completions on the next CPU; CPUs 1–63 stop unmapping for 30 ms at 100 ms',
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
  {
    // The 32-bit-first ("SAC") loop (docs/model.md, "sac-edge"): every allocation of a PCI device
    // tries below 4 GiB first (iommu_dma_alloc_iova up to v6.5); 128 CPUs of 128 KiB maps keep that
    // space almost full, so a failed attempt records max32_alloc_size, the next free below 4 GiB
    // resets it (__cached_rbnode_delete_update since 5b61343b5059) and the next attempt walks the
    // whole 32-bit subtree under iova_rbtree_lock. No cost is changed: the collapses emerge at the
    // shared defaults. kv=6.6 (791c2b17fb40) or fdac=1 (iommu.forcedac=1) flattens it.
    name: 'sac-edge',
    description:
      'Kernel 6.5, 128 CPUs of 128 KiB maps from a PCI device: the 32-bit-first loop collapses, recovers and collapses again; flat at kernel 6.6 or with forcedac',
    overrides: { kernel: '6.5', cpus: 128, durationMs: 120, workload: { sizes: [{ pages: 32, weight: 1 }] } },
    previewMs: 120,
    report: {
      source:
        'Robin Murphy (linux-iommu, Mar 2021 and Jun 2023); Jakub Kicinski (Jun 2023); John Garry and Zhen Lei (Mar 2021, the 4e89dce72521 revert thread)',
      published:
        'Kicinski: "after a few NIC reconfigurations IOMMU starts consuming 90+% of CPU time". Garry, strict, v5.12-rc1: 600 K IOPS, 1215 K with the retry change reverted, 1650 K non-strict; ~20 % of allocations retried, < 1 % of retries succeeded. Zhen Lei: 1655.6 K → 893.5 K',
      verdict: 'episodic',
      shows:
        'Lazy, kernel 6.5: throughput falls to a third for 10–30 ms, recovers, falls again. Kernel 6.6 (791c2b17fb40: SAC stops after its first failure) or fdac=1 (iommu.forcedac=1): flat at ~31 M. A burst of 8192 × 128 KiB maps on CPU 0 (burst@20+20:8192x32:0, a NIC reconfiguration) makes it fall and stay down at 6.5, not at 6.6. Strict is bound by the invalidation queue (0.5 M) and never fills the 32-bit space, so the model does not show the strict numbers',
    },
  },
];

export function findPreset(name: string): Preset | undefined {
  return PRESETS.find((p) => p.name === name);
}

/** The full scenario of a preset. */
export function presetScenario(name: string): Scenario {
  const p = findPreset(name);
  if (!p) throw new Error(`unknown preset "${name}"`);
  return applyOverrides(cloneScenario(DEFAULT_SCENARIO), p.overrides);
}

export function applyOverrides(s: Scenario, o: PresetOverrides): Scenario {
  const { workload, costs, ...top } = JSON.parse(JSON.stringify(o)) as PresetOverrides;
  Object.assign(s, top);
  if (workload) Object.assign(s.workload, workload);
  if (costs) Object.assign(s.costs, costs);
  return s;
}
