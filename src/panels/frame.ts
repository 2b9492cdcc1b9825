// Marks a panel as drawn up to a playback position (tests wait for it: see PanelFrame.tsx).

export function markDrawn(el: Element | null, events: number): void {
  const panel = el?.closest('.panel');
  const v = String(events);
  if (panel && panel.getAttribute('data-frame') !== v) panel.setAttribute('data-frame', v);
}
