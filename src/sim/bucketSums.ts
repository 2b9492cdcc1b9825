// Time spans summed per metrics bucket, each span split over the buckets it covers. A CPU's
// allocator call or lock wait is recorded once, when the engine executes it, and may end several
// buckets later (a long convoy); booking it whole in one bucket would show more than 100 % of a
// bucket's time there and nothing in the next ones. Spans always start at or after the engine's
// clock, so the buckets they touch are still open; of a span that started earlier (not expected),
// only the part from the open bucket on is booked.

export class BucketSums {
  /** Sums per absolute bucket index; the last slot collects whatever lies past the run's end. */
  private readonly sums: Float64Array;
  /** Index of the open bucket (the next to close), its start and end times. */
  private open = 0;
  private openStart = 0;
  private openEnd: number;

  constructor(
    private readonly bucketNs: number,
    buckets: number,
  ) {
    this.sums = new Float64Array(Math.max(2, buckets + 1));
    this.openEnd = bucketNs;
  }

  /** Adds the span [from, to). */
  add(from: number, to: number): void {
    if (to <= from) return;
    // The common case: the whole span lies in the open bucket.
    if (to <= this.openEnd && from >= this.openStart) {
      this.sums[this.open] += to - from;
      return;
    }
    this.split(from, to, 1);
  }

  /** Books (the part from the open bucket on of) [from, to) times `scale`, bucket by bucket. */
  private split(from: number, to: number, scale: number): void {
    const b = this.bucketNs;
    const last = this.sums.length - 1;
    let i = Math.max(this.open, Math.floor(from / b));
    let t = Math.max(from, i * b);
    while (t < to && i < last) {
      const end = Math.min(to, (i + 1) * b);
      this.sums[i] += (end - t) * scale;
      t = end;
      i++;
    }
    if (t < to) this.sums[last] += (to - t) * scale;
  }

  /** Adds `amount` spread evenly over [from, to) (all of it at `from` if the span is empty). */
  addSpread(from: number, to: number, amount: number): void {
    if (to <= this.openEnd && from >= this.openStart) {
      this.sums[this.open] += amount;
      return;
    }
    if (to <= from) {
      this.add(from, from + amount); // never expected: book it from `from` on
      return;
    }
    this.split(from, to, amount / (to - from));
  }

  /** The open bucket's sum; the next bucket opens. */
  close(): number {
    const i = this.open;
    const v = this.sums[i];
    if (i < this.sums.length - 1) {
      this.sums[i] = 0;
      this.open++;
    } else {
      this.sums[i] = 0;
    }
    this.openStart = this.openEnd;
    this.openEnd += this.bucketNs;
    return v;
  }
}
