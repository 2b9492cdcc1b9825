// Show and hide panels from the page (issue 18): a "Panels" menu of checkboxes in the header; the
// choice goes to the lab store (setPanels) and from there into the URL's `pn`, like a link's.
// NoPanels is what the panels area says when a link (`pn=`) or the menu hides every panel.

import { PANEL_IDS, setPanels, type PanelId } from '../store/labStore.ts';
import { PANEL_TITLE } from '../panels/titles.ts';
import { useLab, useLabStore } from './labContext.ts';

/** The panels' titles, from their one home (src/panels/titles.ts). */
export const PANEL_TITLES = PANEL_TITLE;

/** Page order: the rings and the throughput chart first, so both are on the first screen. */
export const PAGE_ORDER: readonly PanelId[] = ['queues', 'throughput', 'timeline', 'iotlb', 'allocator', 'counters', 'pseudo'];

export function PanelPicker() {
  const store = useLabStore();
  const visible = useLab((s) => s.panels);
  const toggle = (id: PanelId, on: boolean) => setPanels(store, on ? [...visible, id] : visible.filter((x) => x !== id));
  return (
    <details className="panel-picker">
      <summary>
        Panels ({visible.length} of {PANEL_IDS.length})
      </summary>
      <fieldset className="panel-picker-menu">
        <legend className="sr-only">Panels shown</legend>
        {PAGE_ORDER.map((id) => (
          <label key={id}>
            <input type="checkbox" checked={visible.includes(id)} onChange={(e) => toggle(id, e.target.checked)} /> {PANEL_TITLES[id]}
          </label>
        ))}
        <div className="panel-picker-all">
          <button type="button" onClick={() => setPanels(store, PANEL_IDS)} disabled={visible.length === PANEL_IDS.length}>
            Show all
          </button>
        </div>
      </fieldset>
    </details>
  );
}

export function NoPanels() {
  const store = useLabStore();
  return (
    <div className="no-panels" role="note">
      <p>
        Every panel is hidden: this view's link lists none (<code>pn=</code> is empty). The simulation still runs, and the
        playback bar and the results below follow it.
      </p>
      <button type="button" onClick={() => setPanels(store, PANEL_IDS)}>
        Show all panels
      </button>
    </div>
  );
}
