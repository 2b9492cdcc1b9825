// React glue for panels that draw per frame. React renders a panel's frame, legend and text
// alternative; the marks are drawn by plain functions called from store subscriptions, coalesced to
// one draw per animation frame, so playing back does not re-render React at all.

import { useEffect, useLayoutEffect, useRef, useState, type DependencyList, type RefObject } from 'react';

/** Anything with zustand's subscribe. */
export interface Subscribable {
  subscribe(listener: () => void): () => void;
}

/** The content-box width of an element in whole CSS px, tracked with a ResizeObserver. */
export function useWidth(ref: RefObject<HTMLElement | null>, fallback = 600): number {
  const [w, setW] = useState(fallback);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const cw = Math.floor(el.clientWidth);
      if (cw > 0) setW(cw);
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return w;
}

/**
 * Skipping work for a panel nobody can see: while `active()` (the page is playing), a panel whose
 * element `el` is outside the viewport (IntersectionObserver, with a margin so a panel scrolled
 * into view is already current) does not draw; it draws once as soon as it comes into view, and
 * always when `active()` turns false (a paused page draws every panel: screenshots and the
 * quiescence flag see every panel at the moment shown).
 */
export interface Cull {
  el: RefObject<Element | null>;
  active: () => boolean;
}

/** How far outside the viewport a panel still counts as on screen (CSS px). */
const CULL_MARGIN = '200px';

/**
 * Calls `draw` once now and again after any of `stores` changes, at most once per animation frame,
 * and once more when the web fonts are ready (canvas text measured before that would differ).
 * `deps` re-create the subscription (e.g. a new width). Returns a stable function that requests a
 * redraw (for local changes such as hover).
 *
 * `draw(force)`: force is true for the first draw after (re)subscribing, after the fonts load and
 * after the panel was culled (see Cull); otherwise a panel may skip a draw whose inputs are the
 * ones it drew last (many frames move only part of a panel, or nothing in it).
 */
export function useFrame(stores: readonly Subscribable[], draw: (force: boolean) => void, deps: DependencyList, cull?: Cull): () => void {
  const request = useRef<() => void>(() => {});
  useEffect(() => {
    let raf = 0;
    let live = true;
    let force = true;
    let onScreen = true;
    let skipped = false;
    const run = () => {
      raf = 0;
      if (!live) return;
      if (cull && !onScreen && cull.active()) {
        skipped = true;
        return;
      }
      const f = force || skipped;
      force = false;
      skipped = false;
      draw(f);
    };
    const schedule = () => {
      if (raf === 0) raf = requestAnimationFrame(run);
    };
    const unsubs = stores.map((s) => s.subscribe(schedule));
    request.current = schedule;
    schedule();
    void document.fonts?.ready.then(() => {
      if (!live) return;
      force = true;
      schedule();
    });
    let io: IntersectionObserver | null = null;
    const el = cull?.el.current;
    if (el && typeof IntersectionObserver !== 'undefined') {
      io = new IntersectionObserver(
        (entries) => {
          const e = entries[entries.length - 1];
          onScreen = e.isIntersecting;
          if (onScreen && skipped) schedule();
        },
        { rootMargin: CULL_MARGIN },
      );
      io.observe(el);
    }
    return () => {
      live = false;
      for (const u of unsubs) u();
      io?.disconnect();
      if (raf !== 0) cancelAnimationFrame(raf);
      request.current = () => {};
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller lists what `draw` reads
  }, deps);
  // A stable function that asks for one more draw (hover, toggles).
  const [redraw] = useState(() => () => request.current());
  return redraw;
}

/** True when the inputs of a draw are the ones of the last draw (same values, compared with Object.is). */
export function sameInputs(last: { current: readonly unknown[] | null }, next: readonly unknown[]): boolean {
  const a = last.current;
  last.current = next;
  if (!a || a.length !== next.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], next[i])) return false;
  return true;
}

/**
 * Whether `ref`'s element is in or near the viewport (IntersectionObserver, the culling margin);
 * true until the first observation. For React-rendered views that should not follow playback
 * while nobody can see them.
 */
export function useOnScreen(ref: RefObject<Element | null>): boolean {
  const [on, setOn] = useState(true);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver((entries) => setOn(entries[entries.length - 1].isIntersecting), { rootMargin: CULL_MARGIN });
    io.observe(el);
    return () => io.disconnect();
  }, [ref]);
  return on;
}

/** Element-wise equality of two typed arrays. */
export function sameArray(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * A Cull for a panel: skip its drawing while the page plays and the panel is off screen. Not while
 * seeking or stepping: those end in one picture every panel must show, and they draw once rather
 * than every frame, so culling them saves nothing. (The step forward/back screenshot flake once
 * blamed on culling was Chromium's full-page capture resizing the viewport mid-capture; see
 * e2e/shots.ts.)
 */
export function playingCull(playback: { getState(): { status: string } }, el: RefObject<Element | null>): Cull {
  return {
    el,
    active: () => {
      return playback.getState().status === 'playing';
    },
  };
}

/**
 * A value derived from the stores for React to render (text alternatives, legends), recomputed at
 * most every `ms` while the stores change and always after the last change: screen-reader text
 * follows playback without a React render per frame. `key` turns the value into a string so an
 * unchanged value does not re-render.
 */
export function useThrottled<T>(stores: readonly Subscribable[], compute: () => T, key: (v: T) => string, deps: DependencyList, ms = 400): T {
  const [state, setState] = useState(() => {
    const v = compute();
    return { v, k: key(v) };
  });
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const update = () => {
      timer = undefined;
      const v = compute();
      const k = key(v);
      setState((old) => (old.k === k ? old : { v, k }));
    };
    const unsubs = stores.map((s) =>
      s.subscribe(() => {
        timer ??= setTimeout(update, ms);
      }),
    );
    update();
    return () => {
      for (const u of unsubs) u();
      if (timer !== undefined) clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller lists what `compute` reads
  }, deps);
  return state.v;
}

/** Where the pointer is over a panel's canvas or SVG, in CSS px from its top-left; null when away. */
export type PointerRef = { current: { x: number; y: number } | null };

/** The move/leave handlers every hoverable panel uses: record the pointer, then redraw the hover. */
export function pointerHandlers(pointer: PointerRef, redraw: () => void) {
  return {
    onPointerMove: (e: { currentTarget: Element; clientX: number; clientY: number }) => {
      const r = e.currentTarget.getBoundingClientRect();
      pointer.current = { x: e.clientX - r.left, y: e.clientY - r.top };
      redraw();
    },
    onPointerLeave: () => {
      pointer.current = null;
      redraw();
    },
  };
}
