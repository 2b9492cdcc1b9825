import { describe, expect, it } from 'vitest';
import { deepClone, deepCloneWithSize } from './deepClone.ts';

class Counter {
  n = 0;
  readonly data = new Float64Array(4);
  inc(): number {
    return ++this.n;
  }
}

class Holder {
  constructor(
    readonly a: Counter,
    readonly b: Counter,
  ) {}
}

const plusOne = (x: number) => x + 1;

describe('deepClone', () => {
  it('keeps prototypes: methods of the copy act on the copy', () => {
    const c = new Counter();
    c.inc();
    const d = deepClone(c);
    expect(d).toBeInstanceOf(Counter);
    expect(d.inc()).toBe(2);
    expect(c.n).toBe(1);
  });

  it('copies typed arrays with their type, independent of the original', () => {
    const src = { f: new Float64Array([1.5, 2.5]), i: new Int32Array([-1, 7]), u: new Uint8Array([3]) };
    const d = deepClone(src);
    expect(d.f).toBeInstanceOf(Float64Array);
    expect(d.i).toBeInstanceOf(Int32Array);
    expect(d.u).toBeInstanceOf(Uint8Array);
    expect([...d.f]).toEqual([1.5, 2.5]);
    d.i[0] = 42;
    expect(src.i[0]).toBe(-1);
  });

  it('preserves shared references and cycles', () => {
    const c = new Counter();
    const h = new Holder(c, c);
    const cyc: { self?: unknown; h: Holder } = { h };
    cyc.self = cyc;
    const d = deepClone(cyc);
    expect(d.h.a).toBe(d.h.b);
    expect(d.h.a).not.toBe(c);
    expect(d.self).toBe(d);
  });

  it('keeps views on one buffer on one copied buffer', () => {
    const buf = new ArrayBuffer(16);
    const x = { a: new Int32Array(buf, 0, 2), b: new Int32Array(buf, 8, 2) };
    const d = deepClone(x);
    expect(d.a.buffer).toBe(d.b.buffer);
    expect(d.a.buffer).not.toBe(buf);
    expect(d.b.byteOffset).toBe(8);
  });

  it('refuses functions, naming the path, unless they are kept by reference', () => {
    const f = plusOne;
    expect(() => deepClone({ inner: { cb: f } })).toThrow(/\$\.inner\.cb/);
    const d = deepClone({ inner: { cb: f } }, { keep: new Set([f]) });
    expect(d.inner.cb).toBe(f);
  });

  it('copies arrays of objects, Maps and Sets deeply, and reports typed-array bytes', () => {
    const src = { list: [new Counter(), new Counter()], m: new Map([['k', new Counter()]]), s: new Set([1, 2]) };
    const { value, bytes } = deepCloneWithSize(src);
    expect(value.list[0]).not.toBe(src.list[0]);
    expect(value.m.get('k')).toBeInstanceOf(Counter);
    expect([...value.s]).toEqual([1, 2]);
    expect(bytes).toBe(3 * 4 * 8);
  });
});
