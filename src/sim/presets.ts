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
  /**
   * True for a reconstruction whose mechanism was never confirmed (issue 20's `john-16h`): the
   * gallery labels the card "hypothesis", and the description says so too.
   */
  hypothesis?: boolean;
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
  {
    // Transfers too large for the rcache (docs/model.md, "uncached-lockup"): iova_rcache_get/insert
    // serve only sizes below 2^(IOVA_RANGE_CACHE_MAX_SIZE - 1) = 32 granules (128 KiB at 4 KiB), so
    // every 4 MiB map allocates from the rbtree and every free of one (an owner's fq_ring_free, or
    // fq_flush_timeout for every CPU's ring) erases from it, each under iova_rbtree_lock. 3710e2b056cb
    // (v6.4) capped NVMe transfers at dma_opt_mapping_size() (128 KiB) to keep them cached. Load,
    // topology and version only; every cost is the shared default. sz=32:1 is the capped variant.
    name: 'uncached-lockup',
    description:
      'Kernel 6.5, 128 CPUs of 4 MiB maps (too large to cache): every map and free takes iova_rbtree_lock; after each flush the owners’ free passes spin in a 127-CPU convoy with IRQs off; capped at 128 KiB it goes away',
    overrides: { kernel: '6.5', cpus: 128, durationMs: 100, workload: { qd: 4, sizes: [{ pages: 1024, weight: 1 }] } },
    previewMs: 40,
    report: {
      source:
        'Adrian Huang, 3710e2b056cb "nvme-pci: clamp max_hw_sectors based on DMA optimized limitation" (v6.4; 448-core AMD server, one NVMe with mdts=10, fio); Jerry Snitselaar (linux-iommu, Apr 2023: 384 cores, lpfc); Zhang Zekun (2024)',
      published:
        'Soft lockup "CPU#126 stuck for 23s" in fq_flush_timeout, which ftrace timed at 31 s with one free_iova lock wait of 85.6 ms (under function_graph tracing); hard lockup with fq_ring_free spinning in free_iova from nvme_irq for > 10 s; "90 cores were spinning the iovad rb tree lock for one domain"; mdts=5 (128 KiB) "does not happen". fio parameters never published',
      verdict: 'episodic',
      shows:
        'Every 10 ms the FQ timeout flushes, and within 1 ms every owner’s fq_ring_free frees its ring one free_iova at a time behind up to 127 spinners: IOPS fall from 1.9 M to 40–140 K for up to 8 ms, one acquisition waits up to 6 ms, IRQs stay off up to 6 ms, the allocator takes 99 % of CPU time; the wait grows with the CPU count (the CPU sweep in docs/model.md). Not shown: a callback far past 10 ms (longest 8 ms; the owners free their own rings first) and watchdog markers (need 10–20 s). Capped at 128 KiB (sz=32:1, what 3710e2b056cb does): every size cached, no convoy',
    },
  },
  {
    // Zhen Lei's phase change (docs/model.md, "phase-park"): a mixed-size phase parks IOVAs of
    // every size class in the per-CPU magazines and depots, where nothing frees them before v6.7
    // (free_cpu_cached_iovas only on allocation failure or CPU hot-unplug); the 4 KiB phase after
    // it runs against the grown rbtree. v6.7 (233045378dbb) trims the depot every IOVA_DEPOT_DELAY.
    // Completions on the first CPU of each of 4 hardware queues (a HiSilicon SAS-like mismatch).
    name: 'phase-park',
    description:
      'Kernel 6.5, 16 CPUs, completions on 4 IRQ CPUs: 4 KiB I/O, then a mix of 4–128 KiB from 40 to 90 ms, then 4 KiB again; does the second 4 KiB phase run slower?',
    overrides: {
      kernel: '6.5',
      durationMs: 150,
      workload: { completion: 'hwq', hwQueues: 4 },
      interventions: [
        {
          kind: 'sizes',
          atMs: 40,
          sizes: [
            { pages: 1, weight: 60 },
            { pages: 2, weight: 10 },
            { pages: 4, weight: 10 },
            { pages: 8, weight: 8 },
            { pages: 16, weight: 6 },
            { pages: 32, weight: 6 },
          ],
        },
        { kind: 'sizes', atMs: 90, sizes: [{ pages: 1, weight: 1 }] },
      ],
    },
    previewMs: 150,
    report: {
      source: 'Zhen Lei, "iommu/iova: enhance the rcache optimization" (linux-iommu, v1 1 Aug, v2 15 Aug 2019)',
      published:
        'fio, 21 jobs: 2170 K → 2173 K → 1467 K → 1318 K IOPS, and it "can not recover even if re-execute the test cases"; 42,300 IOVAs parked in the 8–128 KiB classes; with his compaction 2450–2520 K',
      verdict: 'stable',
      shows:
        'The mixed phase parks ~8,500 IOVAs: the rbtree grows from 2.9 K to 11.5 K nodes and stays there. The second 4 KiB phase runs at the first one’s 2.20 M IOPS: no drop, at 6.5 or 6.7 alike. Missing: 4 KiB traffic to the tree (no magazine reaches it, the depots never fill), and long walks (a 4 KiB miss finds a hole near the hint). Kernel 6.7’s depot trimming changes nothing here, since no depot exceeds one magazine per CPU',
      },
    },
  {
    // Zhang Zekun's 256-CPU report (Aug 2023), which prompted v6.7's depot rework (911aa1245da8
    // "Make the rcache depot scale better", 233045378dbb "Manage the depot list size"): only the
    // 16 hardware-queue IRQ CPUs complete and unmap (cp=hwq: blk_mq_map_queues groups, one
    // effective IRQ CPU each), every CPU submits and allocates, so freed IOVAs reach the
    // allocating CPUs only through the depot. Up to 6.6 the depot holds MAX_GLOBAL_MAGS = 32
    // magazines per size, whatever the CPU count; a full depot sends the magazine back to the
    // rbtree (iova_magazine_free_pfns). Kernel 6.6 so that the SAC rule is 791c2b17fb40's and only
    // the depot differs from 6.7. Every cost is the shared default (docs/model.md, "depot-exchange").
    name: 'depot-exchange',
    description:
      'Kernel 6.6, 256 CPUs all submitting 4 KiB I/O, completions on the 16 hardware-queue IRQ CPUs: magazines travel from the freeing CPUs to the allocating ones through a 32-magazine depot; compare kernel 6.7',
    overrides: { kernel: '6.6', cpus: 256, durationMs: 100, workload: { completion: 'hwq', hwQueues: 16 } },
    previewMs: 40,
    report: {
      source:
        'Zhang Zekun (Huawei, linux-iommu, Aug 2023): the report behind Robin Murphy\'s depot rework, 911aa1245da8 and 233045378dbb (v6.7)',
      published:
        'fio 4 KiB reads, 12 jobs, 256 CPUs, frees on the 16 IRQ CPUs of the storage controller: ~1600 K IOPS with the fixed 32-magazine depot, ~1980 K once the depot scales with the CPUs (v6.7)',
      verdict: 'stable',
      shows:
        'The mechanism is there: the freeing CPUs fill the depot, the allocating CPUs empty it, and at kernel 6.6 a full depot now and then sends a magazine back to the rbtree (7 in 100 ms at 6.6, none at 6.7). At the shared default costs that costs 0.14 % (7.93 M vs 7.94 M IOPS at 6.7), not 19 %: the depot swings between 0 and ~25 magazines and rarely reaches 32. With 12 unpinned jobs (lc=12&wm=2) the depot never fills at all. The published gap is not reproduced',
    },
  },
  {
    // A HYPOTHESIS preset (issue 20): John Garry's 16-hour cliff ("Solve longterm IOVA issue",
    // Sep 2020–Jan 2021) reconstructed from what the thread published, not tuned to fall. Kernel
    // 5.10: his reports ran v5.9/v5.10-era kernels, before 4e89dce72521's retry (v5.11): no retry,
    // 128-entry magazines, a 32-magazine depot, a 32-bit attempt on every PCI allocation (the
    // HiSilicon SAS HBA is a PCI device). Caches aged to his dump at 83,483 s (62,532 IOVAs in the
    // CPU caches, 24,476 in the depot, split evenly over the classes: the split by size was never
    // published); 12 fio-like read jobs, not pinned (scheduler migration every ~2 ms), completing on
    // the 16 IRQ CPUs of hisi_sas_v3_hw's queues; 0.94 % of maps over 32 granules (his too_big count),
    // here 256 KiB; the device latency of `john-storage` (~1.6 M IOPS at 12 × 32 in flight).
    // Robin Murphy's trigger (a pause of unmaps) is a documented variant, not part of the preset.
    name: 'john-16h',
    description:
      'HYPOTHESIS (a reconstruction, not a reproduction): John Garry\'s 16-hour cliff — kernel 5.10, 128 CPUs, caches aged to his dump, 12 jobs completing on 16 IRQ CPUs, ~1 % uncached maps, SAC on',
    overrides: {
      kernel: '5.10',
      cpus: 128,
      durationMs: 200,
      workload: {
        loadCpus: 12,
        migrateMs: 2,
        completion: 'hwq',
        hwQueues: 16,
        latency: { dist: 'exponential', meanUs: 240, spreadUs: 0 },
        sizes: [
          { pages: 1, weight: 99 },
          { pages: 64, weight: 1 },
        ],
      },
      aged: [0, 1, 2, 3, 4, 5].map((cls) => ({ cls, cpuIovas: 10422, depotIovas: 4079 })),
    },
    previewMs: 60,
    report: {
      source:
        'John Garry (Huawei), "Solve longterm IOVA issue", linux-iommu, Sep 2020–Jan 2021; Robin Murphy\'s FQ-timeout theory (15 Jan 2021) and John\'s reply (18 Jan 2021)',
      published:
        '12 fio read jobs at 1451–1731 K IOPS fall after ~16 h to 330–690 K "and continue in this fashion, without recovering"; only in non-strict mode; cached IOVAs grew from 44 K to 87 K (depot 3.9 K → 24.5 K); 0.94 % of allocations too big to cache. No FQ instrumentation of the event was ever posted',
      verdict: 'dip-recovered',
      shows:
        'No cliff. At seed 1 it runs at 1.52 M IOPS with one dip (lowest 5 ms: 0.87 M) at 78 ms that recovers within 10 ms; seed 2 dips twice, seed 3 not at all. The dips come from the aged state\'s full depots: a magazine that finds its depot full goes back to the 87 K-node tree under iova_rbtree_lock, and timeouts last up to 1.4–3.2 ms. No 32-bit attempt fails. Robin\'s trigger (a 30 ms pause of unmaps at 100 ms) drops IOPS to 0 while it lasts; they are back at 1.56 M after it. Kernel 6.7 (the list depot): flat, no magazine to the tree. John\'s lasting fall to 330–690 K does not appear',
      hypothesis: true,
    },
  },
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
