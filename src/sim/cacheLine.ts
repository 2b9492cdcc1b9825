// Cache-line ownership of the shared FQ words, to price atomic accesses (docs/model.md, "Time, CPUs
// and resources": "a contended atomic read costs more than an uncontended one"). A read is cheap if
// no other CPU wrote the line since this CPU last touched it; otherwise the line must travel from
// another cache. An atomic read-modify-write is cheap only if this CPU wrote the line last and
// nobody else touched it since. This is where John Garry's counter reuse can save time: every free
// pass re-reads fq_flush_finish_cnt, a line that every flush on any CPU writes.

/** fq_flush_start_cnt and fq_flush_finish_cnt: adjacent atomic64_t fields, one cache line. */
export const LINE_FQ_COUNTERS = 0;
/** fq_timer_on. */
export const LINE_FQ_TIMER = 1;
const NLINES = 2;

export class CacheLines {
  private readonly version = new Float64Array(NLINES);
  private readonly lastWriter = new Int32Array(NLINES).fill(-1);
  /** Set when a CPU other than the last writer read the line since the last write. */
  private readonly shared = new Uint8Array(NLINES);
  private readonly seen: Float64Array;
  reads = 0;
  remoteReads = 0;
  writes = 0;
  remoteWrites = 0;

  constructor(
    private readonly cpus: number,
    private readonly localNs: number,
    private readonly remoteNs: number,
  ) {
    this.seen = new Float64Array(NLINES * cpus);
  }

  /** Cost of an atomic read of `line` by `cpu`. */
  read(line: number, cpu: number): number {
    this.reads++;
    const i = line * this.cpus + cpu;
    if (cpu !== this.lastWriter[line]) this.shared[line] = 1;
    if (this.seen[i] === this.version[line]) return this.localNs;
    this.seen[i] = this.version[line];
    this.remoteReads++;
    return this.remoteNs;
  }

  /** Cost of an atomic read-modify-write (inc, xchg, set) of `line` by `cpu`. */
  write(line: number, cpu: number): number {
    this.writes++;
    const local = this.lastWriter[line] === cpu && this.shared[line] === 0;
    this.version[line]++;
    this.lastWriter[line] = cpu;
    this.shared[line] = 0;
    this.seen[line * this.cpus + cpu] = this.version[line];
    if (local) return this.localNs;
    this.remoteWrites++;
    return this.remoteNs;
  }
}
