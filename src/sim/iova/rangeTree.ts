// The ordered container behind the IOVA rbtree (docs/kernel.md §5: ranges keyed by pfn_lo in a
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
    this.lo = resized(this.lo, cap);
    this.hi = resized(this.hi, cap);
    this.left = resized(this.left, cap);
    this.right = resized(this.right, cap);
    this.parent = resized(this.parent, cap);
    this.prevN = resized(this.prevN, cap);
    this.nextN = resized(this.nextN, cap);
    this.red = resized(this.red, cap);
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

function resized<A extends Float64Array | Int32Array | Uint8Array>(a: A, cap: number): A {
  const b = new (a.constructor as new (n: number) => A)(cap);
  b.set(a);
  return b;
}
