// The replay feed's data (replay/feed.ts has its steps): the imported trace's I/Os and where the
// feed stands. A leaf, so the engine's host type (src/sim/host.ts) can name it without an import
// cycle (issue 13).

/** Event kind of an arrival (engine.ts numbers its own 0..7, burst.ts 8..9). */
export const K_REPLAY_MAP = 10;

/** The I/Os of a replay, sorted by mapNs (ns from the run's start). */
export interface ReplayInput {
  mapNs: Float64Array;
  mapCpu: Int32Array;
  /** Bytes of IOVA space each allocation spans. */
  bytes: Float64Array;
  /** Unmap time − map time in the trace, ns; -1: never unmapped in the trace. */
  latencyNs: Float64Array;
  /** The CPU that unmapped it in the trace (-1 if never). */
  unmapCpu: Int32Array;
}

export class ReplayFeed {
  /** The next I/O to arrive. */
  next = 0;
  /** Per CPU: the last slot of its pending list (valid while the list is non-empty). */
  readonly tail: Int32Array;
  /** Mapping length in granules per I/O (iova_align(size) >> iova_shift, as workload.ts does). */
  readonly pages: Int32Array;

  constructor(
    readonly input: ReplayInput,
    cpus: number,
    granuleKiB: number,
  ) {
    this.tail = new Int32Array(cpus).fill(-1);
    const g = granuleKiB * 1024;
    this.pages = Int32Array.from(input.bytes, (b) => Math.max(1, Math.ceil(b / g)));
  }

  get count(): number {
    return this.input.mapNs.length;
  }
}
