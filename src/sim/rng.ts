// The one seeded PRNG of a simulation run (sfc32, seeded through splitmix32). All randomness in the
// engine flows from an instance of this class, so the same scenario + seed gives the same trace in
// Node and in the browser. 32-bit integer arithmetic only (Math.imul, | 0, >>> 0): identical
// everywhere.
//
// Speed: the state words are kept as signed int32 (`| 0`) so they stay small integers (no boxed
// doubles), and `float` draws without calling `u32`, so it is small enough for the JIT to inline at
// its call sites (a returned double from a call that is not inlined is a heap allocation). The
// arithmetic is the same sfc32 on the same bits: unsigned and signed words differ only in how the
// top bit is read, and every output goes through `>>> 0` first.

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = (): number => {
      // splitmix32
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) | 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** Uniform 32-bit unsigned integer. */
  u32(): number {
    return this.next() >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return (this.next() >>> 0) * 2.3283064365386963e-10; // exactly / 2^32
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** One sfc32 step; the output word as a signed int32. */
  private next(): number {
    const b = this.b;
    const c = this.c;
    const t = (((this.a + b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    this.c = (((c << 21) | (c >>> 11)) + t) | 0;
    return t;
  }
}
