// The presets that reproduce (or test) a published collapse report, each with its source, the
// published numbers and the verdict the mechanism gives (docs/model.md, "The collapses, report by
// report"). They are part of the one registry (presets.ts, after the teaching presets); they live
// in their own file to keep each file to one concept.

import type { Preset } from './presetTypes.ts';

export const REPORT_PRESETS: readonly Preset[] = [
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
