// The hover tooltip: one absolutely positioned element per panel, written directly (it follows
// the pointer and the playing simulation, which React should not re-render for).

/** Left/top for a tooltip of width tipW near pointer (x, y), kept inside a box of width boxW. */
export function tipPosition(x: number, y: number, tipW: number, boxW: number): { left: number; top: number } {
  const left = x + 14 + tipW <= boxW ? x + 14 : Math.max(0, x - 14 - tipW);
  return { left, top: y + 16 };
}

export function showTip(el: HTMLElement | null, text: string | null, x: number, y: number, boxW: number): void {
  if (!el) return;
  if (!text) {
    el.hidden = true;
    return;
  }
  if (el.textContent !== text) el.textContent = text;
  el.hidden = false;
  const w = Math.min(320, el.offsetWidth || 320);
  const { left, top } = tipPosition(x, y, w, boxW);
  el.style.left = `${left}px`;
  el.style.top = `${top}px`;
}
