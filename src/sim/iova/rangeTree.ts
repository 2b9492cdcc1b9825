// The ordered container behind the IOVA rbtree (domain.md §6.1: ranges keyed by pfn_lo in a
// red-black tree). A textbook red-black tree over pooled node ids in typed arrays, so inserting and
// erasing allocate nothing once the pool has grown to the working size. Every node is also threaded
// into an in-order doubly linked list (prevN/nextN) so rb_prev/rb_next — the steps of the allocator's
// gap walk and of the cached-hint update — are O(1).
//
// Node ids are stable for a node's lifetime (erase relinks nodes, it never moves keys between
// slots), which matters because cached_node / cached32_node hold node ids.
// pfns are stored as float64: with a 4 KiB granule and 48-bit DMA they reach 2^36, beyond int32.

/** The null node id. Slot 0 is the black sentinel leaf. */
export const NIL = 0;

export class RangeTree {
  lo = new Float64Array(0);
  hi = new Float64Array(0);
  left = new Int32Array(0);
  right = new Int32Array(0);
  parent = new Int32Array(0);
  /** 1 = red, 0 = black; the sentinel NIL is always black. */
  red = new Uint8Array(0);
  /** In-order predecessor / successor (rb_prev / rb_next), NIL at the ends. */
  prevN = new Int32Array(0);
  nextN = new Int32Array(0);
  root = NIL;
  /** Live nodes. */
  count = 0;
  private freeHead = NIL;
  /** Next never-used slot. */
  private top = 1;

  constructor(capacity = 1024) {
    this.grow(Math.max(2, capacity));
  }

  /** Inserts the range [lo, hi] (caller guarantees no overlap) and returns its node id. */
  insert(lo: number, hi: number): number {
    const z = this.newNode(lo, hi);
    const L = this.lo;
    let y = NIL;
    let x = this.root;
    while (x !== NIL) {
      y = x;
      x = lo < L[x] ? this.left[x] : this.right[x];
    }
    this.parent[z] = y;
    if (y === NIL) {
      this.root = z;
    } else if (lo < L[y]) {
      // A new left leaf sits immediately before its parent in order.
      this.left[y] = z;
      const p = this.prevN[y];
      this.prevN[z] = p;
      this.nextN[z] = y;
      this.prevN[y] = z;
      if (p !== NIL) this.nextN[p] = z;
    } else {
      // A new right leaf sits immediately after its parent in order.
      this.right[y] = z;
      const n = this.nextN[y];
      this.nextN[z] = n;
      this.prevN[z] = y;
      this.nextN[y] = z;
      if (n !== NIL) this.prevN[n] = z;
    }
    this.insertFixup(z);
    this.count++;
    return z;
  }

  /** Removes node z (rb_erase) and returns its slot to the pool. */
  erase(z: number): void {
    const { left, right, parent, red } = this;
    let y = z;
    let yWasRed = red[y];
    let x: number;
    if (left[z] === NIL) {
      x = right[z];
      this.transplant(z, x);
    } else if (right[z] === NIL) {
      x = left[z];
      this.transplant(z, x);
    } else {
      // z has two children: its in-order successor (the right subtree's minimum) takes its place.
      y = this.nextN[z];
      yWasRed = red[y];
      x = right[y];
      if (parent[y] === z) {
        parent[x] = y;
      } else {
        this.transplant(y, x);
        right[y] = right[z];
        parent[right[y]] = y;
      }
      this.transplant(z, y);
      left[y] = left[z];
      parent[left[y]] = y;
      red[y] = red[z];
    }
    if (!yWasRed) this.deleteFixup(x);
    const p = this.prevN[z];
    const n = this.nextN[z];
    if (p !== NIL) this.nextN[p] = n;
    if (n !== NIL) this.prevN[n] = p;
    this.count--;
    this.right[z] = this.freeHead;
    this.freeHead = z;
    red[NIL] = 0;
  }

  /** The node whose range contains pfn, or NIL (private_find_iova). */
  find(pfn: number): number {
    let x = this.root;
    while (x !== NIL) {
      if (pfn < this.lo[x]) x = this.left[x];
      else if (pfn > this.hi[x]) x = this.right[x];
      else return x;
    }
    return NIL;
  }

  /** The lowest node with pfn_hi >= pfn (the node containing pfn, else the first one above it). */
  lowestEndingAtOrAbove(pfn: number): number {
    let x = this.root;
    let best = NIL;
    while (x !== NIL) {
      if (this.hi[x] >= pfn) {
        best = x;
        x = this.left[x];
      } else x = this.right[x];
    }
    return best;
  }

  /** The left-most node, or NIL. */
  first(): number {
    let x = this.root;
    if (x === NIL) return NIL;
    while (this.left[x] !== NIL) x = this.left[x];
    return x;
  }

  /**
   * Checks the red-black and threading invariants (tests only; O(n)). Throws on a violation.
   */
  checkInvariants(): void {
    const { left, right, parent, red } = this;
    if (red[NIL]) throw new Error('sentinel is red');
    if (this.root !== NIL && (red[this.root] || parent[this.root] !== NIL)) throw new Error('bad root');
    let seen = 0;
    const blackHeight = (x: number): number => {
      if (x === NIL) return 1;
      seen++;
      const l = left[x];
      const r = right[x];
      if (l !== NIL && (parent[l] !== x || this.lo[l] >= this.lo[x])) throw new Error(`bad left link at ${x}`);
      if (r !== NIL && (parent[r] !== x || this.lo[r] <= this.lo[x])) throw new Error(`bad right link at ${x}`);
      if (red[x] && (red[l] || red[r])) throw new Error(`red-red at ${x}`);
      const hl = blackHeight(l);
      if (hl !== blackHeight(r)) throw new Error(`black height differs at ${x}`);
      return hl + (red[x] ? 0 : 1);
    };
    blackHeight(this.root);
    if (seen !== this.count) throw new Error(`count ${this.count} but ${seen} nodes reachable`);
    let prev = NIL;
    let n = 0;
    for (let x = this.first(); x !== NIL; x = this.nextN[x]) {
      if (this.prevN[x] !== prev) throw new Error(`bad prev thread at ${x}`);
      if (prev !== NIL && this.hi[prev] >= this.lo[x]) throw new Error(`ranges overlap at ${x}`);
      if (this.hi[x] < this.lo[x]) throw new Error(`empty range at ${x}`);
      prev = x;
      n++;
    }
    if (n !== this.count) throw new Error(`thread has ${n} nodes, count ${this.count}`);
  }

  private newNode(lo: number, hi: number): number {
    let z = this.freeHead;
    if (z !== NIL) this.freeHead = this.right[z];
    else {
      if (this.top === this.lo.length) this.grow(this.lo.length * 2);
      z = this.top++;
    }
    this.lo[z] = lo;
    this.hi[z] = hi;
    this.left[z] = NIL;
    this.right[z] = NIL;
    this.prevN[z] = NIL;
    this.nextN[z] = NIL;
    this.red[z] = 1;
    return z;
  }

  /** Doubles the pool (amortised; the steady state allocates nothing). */
  private grow(cap: number): void {
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    const i32 = (a: Int32Array) => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    };
    this.lo = f64(this.lo);
    this.hi = f64(this.hi);
    this.left = i32(this.left);
    this.right = i32(this.right);
    this.parent = i32(this.parent);
    this.prevN = i32(this.prevN);
    this.nextN = i32(this.nextN);
    const red = new Uint8Array(cap);
    red.set(this.red);
    this.red = red;
  }

  private transplant(u: number, v: number): void {
    const pu = this.parent[u];
    if (pu === NIL) this.root = v;
    else if (u === this.left[pu]) this.left[pu] = v;
    else this.right[pu] = v;
    this.parent[v] = pu; // may write the sentinel's parent; deleteFixup relies on it
  }

  private rotateLeft(x: number): void {
    const { left, right, parent } = this;
    const y = right[x];
    right[x] = left[y];
    if (left[y] !== NIL) parent[left[y]] = x;
    const px = parent[x];
    parent[y] = px;
    if (px === NIL) this.root = y;
    else if (x === left[px]) left[px] = y;
    else right[px] = y;
    left[y] = x;
    parent[x] = y;
  }

  private rotateRight(x: number): void {
    const { left, right, parent } = this;
    const y = left[x];
    left[x] = right[y];
    if (right[y] !== NIL) parent[right[y]] = x;
    const px = parent[x];
    parent[y] = px;
    if (px === NIL) this.root = y;
    else if (x === right[px]) right[px] = y;
    else left[px] = y;
    right[y] = x;
    parent[x] = y;
  }

  private insertFixup(z: number): void {
    const { left, right, parent, red } = this;
    while (red[parent[z]]) {
      let p = parent[z];
      const g = parent[p];
      if (p === left[g]) {
        const u = right[g];
        if (red[u]) {
          red[p] = 0;
          red[u] = 0;
          red[g] = 1;
          z = g;
        } else {
          if (z === right[p]) {
            z = p;
            this.rotateLeft(z);
            p = parent[z];
          }
          red[p] = 0;
          red[g] = 1;
          this.rotateRight(g);
        }
      } else {
        const u = left[g];
        if (red[u]) {
          red[p] = 0;
          red[u] = 0;
          red[g] = 1;
          z = g;
        } else {
          if (z === left[p]) {
            z = p;
            this.rotateRight(z);
            p = parent[z];
          }
          red[p] = 0;
          red[g] = 1;
          this.rotateLeft(g);
        }
      }
    }
    red[this.root] = 0;
  }

  private deleteFixup(x: number): void {
    const { left, right, parent, red } = this;
    while (x !== this.root && !red[x]) {
      const p = parent[x];
      if (x === left[p]) {
        let w = right[p];
        if (red[w]) {
          red[w] = 0;
          red[p] = 1;
          this.rotateLeft(p);
          w = right[p];
        }
        if (!red[left[w]] && !red[right[w]]) {
          red[w] = 1;
          x = p;
        } else {
          if (!red[right[w]]) {
            red[left[w]] = 0;
            red[w] = 1;
            this.rotateRight(w);
            w = right[p];
          }
          red[w] = red[p];
          red[p] = 0;
          red[right[w]] = 0;
          this.rotateLeft(p);
          x = this.root;
        }
      } else {
        let w = left[p];
        if (red[w]) {
          red[w] = 0;
          red[p] = 1;
          this.rotateRight(p);
          w = left[p];
        }
        if (!red[left[w]] && !red[right[w]]) {
          red[w] = 1;
          x = p;
        } else {
          if (!red[left[w]]) {
            red[right[w]] = 0;
            red[w] = 1;
            this.rotateLeft(w);
            w = left[p];
          }
          red[w] = red[p];
          red[p] = 0;
          red[left[w]] = 0;
          this.rotateRight(p);
          x = this.root;
        }
      }
    }
    red[x] = 0;
  }
}
