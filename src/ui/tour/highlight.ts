// Outlines the elements a tour step names (`data-tour="<panel>:<thing>"`, e.g. "queues:panel",
// "counters:row-finish") and scrolls the first one to the top of the view. With prefers-reduced-motion the
// scroll jumps instead of gliding (and tour.css adds no transition). Returns the undo.

export const HIGHLIGHT_CLASS = 'tour-highlight';

/** The elements carrying one of these data-tour values, in document order. */
export function tourTargets(root: ParentNode, keys: readonly string[]): Element[] {
  if (keys.length === 0) return [];
  const sel = keys.map((k) => `[data-tour="${CSS.escape(k)}"]`).join(',');
  return [...root.querySelectorAll(sel)];
}

export function highlight(root: ParentNode, keys: readonly string[], reducedMotion: boolean, scroll = true): () => void {
  const els = tourTargets(root, keys);
  for (const el of els) el.classList.add(HIGHLIGHT_CLASS);
  // 'start' (below the sticky playback bar: tour.css scroll-margin-top), not 'nearest': where
  // 'nearest' lands depends on where the page was scrolled and on how tall the target was then,
  // so the same step could show two pictures.
  if (scroll) els[0]?.scrollIntoView({ block: 'start', behavior: reducedMotion ? 'auto' : 'smooth' });
  return () => {
    for (const el of els) el.classList.remove(HIGHLIGHT_CLASS);
  };
}

export function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}
