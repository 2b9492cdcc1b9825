// A replay workload source (docs/model.md "Replaying a real trace"; issue 17): instead of each
// submitting CPU keeping `qd` I/Os in flight, the I/Os of an imported trace arrive at their own
// times on their own CPUs, each maps its own size, the device holds it for the trace's own
// latency (unmap time − map time), and its completion is handled on the CPU that unmapped it in
// the trace. Everything after the arrival (IOVA allocation, rcache, flush queue, timer, IOTLB) is
// the engine's ordinary code. No PRNG draw: a replay's randomness is the trace.
//
// Each I/O has its own slot (slot index = I/O index); an arrived I/O waits in its CPU's list of
// free slots (Engine.freeIoHead, FIFO here), which the engine's dispatch already serves.

import type { EngineHost } from '../host.ts';
import type { ReplayFeed } from './feedState.ts';
import { K_REPLAY_MAP } from './feedState.ts';

export { K_REPLAY_MAP, ReplayFeed, type ReplayInput } from './feedState.ts';

/** Schedules the first arrival (engine constructor). */
export function replayStart(e: EngineHost, f: ReplayFeed): void {
  if (f.count > 0) e.q.push(f.input.mapNs[0], K_REPLAY_MAP, f.input.mapCpu[0], 0);
}

/** I/O `i` arrives at t: it joins its CPU's pending list, and the next arrival is scheduled. */
export function replayArrive(e: EngineHost, i: number, t: number): void {
  const f = e.replay!;
  const cpu = f.input.mapCpu[i];
  e.ioNext[i] = -1;
  if (e.freeIoHead[cpu] < 0) e.freeIoHead[cpu] = i;
  else e.ioNext[f.tail[cpu]] = i;
  f.tail[cpu] = i;
  // One arrival pending at a time keeps the heap small for a million-line trace.
  if (++f.next < f.count) e.q.push(f.input.mapNs[f.next], K_REPLAY_MAP, f.input.mapCpu[f.next], f.next);
  e.wake(cpu, t);
}

/** A mapped replay I/O `io`, mapped by t: the device completes it after the trace's latency. */
export function replayMapped(e: EngineHost, f: ReplayFeed, io: number, t: number): void {
  const lat = f.input.latencyNs[io];
  if (lat >= 0) e.scheduleIoDone(f.input.unmapCpu[io], io, t + Math.max(1, lat));
}
