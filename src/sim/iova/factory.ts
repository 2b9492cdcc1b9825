// Chooses the allocator a scenario asks for.

import type { Resolved, Scenario } from '../scenario.ts';
import { StandinAllocator } from './standin.ts';
import type { AllocEnv, IovaAllocator } from './types.ts';

export function createIovaAllocator(s: Scenario, r: Resolved, env: AllocEnv): IovaAllocator {
  return new StandinAllocator(env, r.limitPfn);
}
