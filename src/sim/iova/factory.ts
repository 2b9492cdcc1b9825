// Chooses the allocator a scenario asks for: the kernel's rbtree + rcache + depot allocator
// (allocator.ts, rules by kernel version), or the simple stand-in kept as a baseline for engine tests.

import type { Resolved, Scenario } from '../scenario.ts';
import { createAllocator } from './allocator.ts';
import { StandinAllocator } from './standin.ts';
import type { AllocEnv, IovaAllocator } from './types.ts';

export function createIovaAllocator(s: Scenario, r: Resolved, env: AllocEnv): IovaAllocator {
  if (s.allocator === 'standin') return new StandinAllocator(env, r.limitPfn);
  return createAllocator(env, {
    rules: r.rules,
    magSize: r.magSize,
    depotMax: s.depotMax,
    reclaimDelayNs: Math.round(s.reclaimDelayMs * 1e6),
    startPfn: 1,
    dma32Pfn: r.dma32Pfn,
  });
}
