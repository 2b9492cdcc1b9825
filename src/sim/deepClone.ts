// A deep copy of an object graph that keeps what a structured clone loses: prototypes (class
// instances stay instances, so their methods work), typed arrays of the right kind, and shared
// references (two fields pointing at one object point at one copy; views on one ArrayBuffer stay on
// one copied buffer). The engine's checkpoints (history.ts) are made with it.
//
// Functions cannot be copied: a closure would keep calling into the original graph. Cloning one is
// an error naming its path, unless the caller lists it in `keep` (shared by reference: e.g. a
// listener outside the engine). This is why the engine passes objects, not closures, to its parts
// (engineEnv.ts, slotHeap.ts).

export interface CloneOptions {
  /** Objects and functions shared by reference instead of copied. */
  keep?: ReadonlySet<unknown>;
}

export interface CloneResult<T> {
  value: T;
  /** Bytes of typed-array storage copied (the bulk of an engine's state). */
  bytes: number;
}

type Ctor<A> = new (buffer: ArrayBufferLike, byteOffset: number, length: number) => A;

class Cloner {
  readonly memo = new Map<unknown, unknown>();
  bytes = 0;
  constructor(private readonly keep: ReadonlySet<unknown> | undefined) {}

  clone(x: unknown, path: string): unknown {
    if (x === null || (typeof x !== 'object' && typeof x !== 'function')) return x;
    if (this.keep?.has(x)) return x;
    const seen = this.memo.get(x);
    if (seen !== undefined) return seen;
    if (typeof x === 'function') throw new Error(`deepClone: a function at ${path} cannot be cloned (pass an object, or list it in keep)`);
    if (ArrayBuffer.isView(x)) return this.view(x);
    if (x instanceof ArrayBuffer) return this.buffer(x);
    if (Array.isArray(x)) return this.array(x, path);
    if (x instanceof Map) {
      const m = new Map();
      this.memo.set(x, m);
      for (const [k, v] of x) m.set(this.clone(k, `${path}<key>`), this.clone(v, `${path}.get(…)`));
      return m;
    }
    if (x instanceof Set) {
      const s = new Set();
      this.memo.set(x, s);
      for (const v of x) s.add(this.clone(v, `${path}<item>`));
      return s;
    }
    return this.object(x, path);
  }

  private buffer(b: ArrayBuffer): ArrayBuffer {
    const c = b.slice(0);
    this.bytes += b.byteLength;
    this.memo.set(b, c);
    return c;
  }

  private view(v: ArrayBufferView): ArrayBufferView {
    // A view that covers its whole (unshared) buffer is the common case: one copy, no buffer memo.
    const buf = v.buffer;
    let c: ArrayBufferView;
    if (this.memo.has(buf)) {
      c = new (v.constructor as Ctor<ArrayBufferView>)(this.memo.get(buf) as ArrayBuffer, v.byteOffset, lengthOf(v));
    } else {
      const nb = this.buffer(buf as ArrayBuffer);
      c = new (v.constructor as Ctor<ArrayBufferView>)(nb, v.byteOffset, lengthOf(v));
    }
    this.memo.set(v, c);
    return c;
  }

  private array(a: unknown[], path: string): unknown[] {
    // Arrays of primitives (metric series) are copied in one go.
    let flat = true;
    for (let i = 0; i < a.length; i++) {
      const e = a[i];
      if (e !== null && (typeof e === 'object' || typeof e === 'function')) {
        flat = false;
        break;
      }
    }
    if (flat) {
      const c = a.slice();
      this.memo.set(a, c);
      return c;
    }
    const c = new Array<unknown>(a.length);
    this.memo.set(a, c);
    for (let i = 0; i < a.length; i++) c[i] = this.clone(a[i], `${path}[${i}]`);
    return c;
  }

  private object(o: object, path: string): object {
    const c = Object.create(Object.getPrototypeOf(o)) as Record<PropertyKey, unknown>;
    this.memo.set(o, c);
    for (const k of Reflect.ownKeys(o)) {
      const d = Object.getOwnPropertyDescriptor(o, k)!;
      if ('value' in d) d.value = this.clone(d.value, `${path}.${String(k)}`);
      Object.defineProperty(c, k, d);
    }
    if (Object.isFrozen(o)) Object.freeze(c);
    return c;
  }
}

function lengthOf(v: ArrayBufferView): number {
  return v instanceof DataView ? v.byteLength : (v as unknown as { length: number }).length;
}

/** Deep-copies `root` (see the file comment); also reports how many bytes of typed arrays it copied. */
export function deepCloneWithSize<T>(root: T, opts: CloneOptions = {}): CloneResult<T> {
  const c = new Cloner(opts.keep);
  const value = c.clone(root, '$') as T;
  return { value, bytes: c.bytes };
}

export function deepClone<T>(root: T, opts: CloneOptions = {}): T {
  return deepCloneWithSize(root, opts).value;
}
