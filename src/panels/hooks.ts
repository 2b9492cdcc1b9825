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
 * Calls `draw` once now and again after any of `stores` changes, at most once per animation frame,
 * and once more when the web fonts are ready (canvas text measured before that would differ).
 * `deps` re-create the subscription (e.g. a new width). Returns a stable function that requests a
 * redraw (for local changes such as hover).
 */
export function useFrame(stores: readonly Subscribable[], draw: () => void, deps: DependencyList): () => void {
  const request = useRef<() => void>(() => {});
  useEffect(() => {
    let raf = 0;
    let live = true;
    const run = () => {
      raf = 0;
      if (live) draw();
    };
    const schedule = () => {
      if (raf === 0) raf = requestAnimationFrame(run);
    };
    const unsubs = stores.map((s) => s.subscribe(schedule));
    request.current = schedule;
    schedule();
    void document.fonts?.ready.then(() => {
      if (live) schedule();
    });
    return () => {
      live = false;
      for (const u of unsubs) u();
      if (raf !== 0) cancelAnimationFrame(raf);
      request.current = () => {};
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller lists what `draw` reads
  }, deps);
  // A stable function that asks for one more draw (hover, toggles).
  const [redraw] = useState(() => () => request.current());
  return redraw;
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
