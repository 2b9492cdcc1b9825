// Hand-written trace lines in every form the importer reads, written from the kernel's TP_printk
// format strings (include/trace/events/iommu.h, include/trace/events/dma.h) and the ftrace /
// trace-cmd header layouts. Shared by the parser tests and the fuzz test.

/** /sys/kernel/tracing/trace, v5.17+ iommu range form, 5-character flags, with its header. */
export const FTRACE_IOMMU = `# tracer: nop
#
# entries-in-buffer/entries-written: 6/6   #P:8
#
#                                _-----=> irqs-off/BH-disabled
#                               / _----=> need-resched
#                              | / _---=> hardirq/softirq
#                              || / _--=> preempt-depth
#                              ||| / _-=> migrate-disable
#                              |||| /     delay
#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION
#              | |         |   |||||     |         |
             fio-4123    [003] d..1.   812.004531: map: IOMMU: iova=0x00000000fffe0000 - 0x00000000fffe2000 paddr=0x0000000123456000 size=8192
             fio-4123    [003] d..1.   812.004533: map: IOMMU: iova=0x00000000fffe2000 - 0x00000000fffe3000 paddr=0x0000000123470000 size=4096
          <idle>-0       [005] d.h1.   812.004601: io_page_fault: IOMMU:nvme 0000:01:00.0 iova=0x00000000fffd0000 flags=0x0000
          <idle>-0       [005] d.h1.   812.004650: unmap: IOMMU: iova=0x00000000fffe0000 - 0x00000000fffe3000 size=12288 unmapped_size=12288
    kworker/5:1H-211     [005] ....1   812.004700: sched_switch: prev_comm=kworker/5:1H prev_pid=211 prev_prio=100 prev_state=I ==> next_comm=swapper/5 next_pid=0 next_prio=120
             fio-4123    [003] d..1.   812.004800: map: IOMMU: iova=0x00000000fffd0000 - 0x00000000fffd1000 paddr=0x0000000123480000 size=4096
`;

/** The pre-v5.17 forms (no end address), 4-character flags, with a tgid column. */
export const FTRACE_IOMMU_OLD = `             dd-900   (  900) [000] d..1  100.000010: map: IOMMU: iova=0x00000000ffff0000 paddr=0x0000000200000000 size=4096
          <idle>-0     (-------) [001] d.h.  100.000090: unmap: IOMMU: iova=0x00000000ffff0000 size=4096 unmapped_size=4096
             dd-900   (  900) [000] d..1  100.000110: map: IOMMU: iova=0x00000000fffef000 paddr=0x0000000200010000 size=4096 dev=0000:02:00.0
`;

/** trace-cmd report (no flags column by default) of the dma events (v6.12+). */
export const TRACECMD_DMA = `version = 6
cpus=4
           <...>-2101  [002]  4031.120001: dma_map_page:         0000:03:00.0 dir=FROM_DEVICE dma_addr=ffffe000 size=4096 phys_addr=1a2b3c000 attrs=
           <...>-2101  [002]  4031.120005: dma_map_sg:           0000:03:00.0 dir=TO_DEVICE dma_addrs={0xfffc0000,0xfffc1000} sizes={0x1000,0x800} phys_addrs={0x1b000000,0x1c000000} attrs=SKIP_CPU_SYNC
          <idle>-0     [000]  4031.120060: dma_unmap_page:       0000:03:00.0 dir=FROM_DEVICE dma_addr=ffffe000 size=4096 attrs=
          <idle>-0     [001]  4031.120070: dma_unmap_sg:         0000:03:00.0 dir=TO_DEVICE phys_addrs={0x1b000000,0x1c000000} attrs=SKIP_CPU_SYNC
           <...>-2101  [002]  4031.120100: dma_alloc:            0000:03:00.0 dma_addr=fff00000 size=16384 phys_addr=1d0000000 flags=GFP_KERNEL attrs=
           <...>-2101  [002]  4031.120110: dma_sync_single_for_cpu: 0000:03:00.0 dir=FROM_DEVICE dma_addr=fff00000 size=16384
           <...>-2101  [003]  4031.120200: dma_free:             0000:03:00.0 dma_addr=fff00000 size=16384 phys_addr=1d0000000 attrs=
CPU:1 [LOST 12 EVENTS]
           <...>-2101  [002]  4031.120300: dma_map_sg:           0000:03:00.0 dir=TO_DEVICE nents=2/2 ents=1/1 dma_addrs={0xfffa0000} sizes={0x3000} phys_addrs={0x1e000000,0x1e001000} attrs=
           <...>-2101  [002]  4031.120400: dma_map_phys:         0000:03:00.0 dir=BIDIRECTIONAL dma_addr=fff90000 size=65536 phys_addr=1f0000000 attrs=WEAK_ORDERING|SKIP_CPU_SYNC
`;

/** Malformed lines, each with the reason the importer must give (line text → reason fragment). */
export const MALFORMED: readonly (readonly [string, string])[] = [
  ['fio-4123 [003] d..1. 812.0045', 'no "secs.usecs:" timestamp'],
  ['fio-4123 [003] d..1. 812.004531: map: IOMMU: iova=0xZZ00 - 0x1000 paddr=0x0 size=4096', 'iova=0xZZ00 is not 0x-prefixed hex'],
  ['fio-4123 [003] d..1. 812.004531: map: IOMMU: iova=0xfg00 paddr=0x0 size=4096', 'iova=0xfg00 is not 0x-prefixed hex'],
  ['fio-4123 [003] d..1. 812.004531: map: IOMMU: iova=0x1000 paddr=0x0 size=-4096', 'size=-4096 is not a byte count'],
  ['fio-4123 [003] d..1. 812.004531: map: IOMMU: iova=0x1000 - 0x3000 paddr=0x0 size=4096', 'is not iova + size'],
  ['fio-4123 [003] d..1. 812.004531: map: IOMMU: iova=0x1000 paddr=0x0 size=0', 'size=0: an empty mapping'],
  ['fio-4123 [999] d..1. 812.004531: map: IOMMU: iova=0x1000 paddr=0x0 size=4096', 'CPU 999 out of range'],
  ['fio-4123 [003] d..1. 812.004531: map: iova=0x1000 size=4096', 'does not start with "IOMMU: "'],
  ['x-1 [000] 1.000001: dma_map_page: 0000:03:00.0 dir=TO_DEVICE dma_addr=zz size=4096 attrs=', 'dma_addr=zz is not hex'],
  ['x-1 [000] 1.000001: dma_map_page: dir=TO_DEVICE dma_addr=1000 size=4096 attrs=', 'no device name'],
  ['x-1 [000] 1.000001: dma_map_sg: d dir=TO_DEVICE dma_addrs={0x1000,0x2000} sizes={0x1000} phys_addrs={} attrs=', 'dma_addrs has 2 entries, sizes 1'],
  ['x-1 [000] 1.000001: dma_unmap_page: d dir=TO_DEVICE dma_addr=1000 size=4096 size=4096 attrs=', 'size= given twice'],
  ['x-1 [000] 1.000001: dma_map_page: d dir=TO_DEVICE dma_addr=1000 size=4096 attrs=\u00ff\u00fe junk', 'unexpected word'],
  ['\u00e9\u00e8 ???? garbage', 'not an ftrace event line'],
  ['x-1 000 1.000001: dma_map_page: d', 'no [cpu] field'],
];
