// Outlines the elements a tour step names (`data-tour="<panel>:<thing>"`, e.g. "queues:panel",
// "counters:row-finish") and scrolls the first one into view. With prefers-reduced-motion the
// scroll jumps instead of gliding (and tour.css adds no transition). Returns the undo.

export const HIGHLIGHT_CLASS = 'tour-highlight';

/** The elements carrying one of these data-tour values, in document order. */
export function tourTargets(root: ParentNode, keys: readonly string[]): Element[] {
  if (keys.length === 0) return [];
  const sel = keys.map((k) => `[data-tour="${CSS.escape(k)}"]`).join(',');
  return [...root.querySelectorAll(sel)];
}

export function highlight(root: ParentNode, keys: readonly string[], reducedMotion: boolean): () => void {
  const els = tourTargets(root, keys);
  for (const el of els) el.classList.add(HIGHLIGHT_CLASS);
  els[0]?.scrollIntoView({ block: 'nearest', behavior: reducedMotion ? 'auto' : 'smooth' });
  return () => {
    for (const el of els) el.classList.remove(HIGHLIGHT_CLASS);
  };
}

export function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}
