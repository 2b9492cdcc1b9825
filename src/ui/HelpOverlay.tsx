// The keyboard help (`?`): a modal dialog listing the shortcuts. Focus moves into it and returns to
// where it was on close (Escape, the Close button, or a click on the backdrop).

import { useModalFocus } from './useModalFocus.ts';

const KEYS: [string, string][] = [
  ['Space', 'Play / pause'],
  ['→', 'Step forward one engine step'],
  ['←', 'Step back one engine step'],
  ['Shift + →', 'Jump to the next marker (flush, timeout, intervention, cliff)'],
  ['Shift + ←', 'Jump to the previous marker'],
  ['?', 'Show / hide this help'],
  ['Esc', 'Close this help'],
];

export function HelpOverlay({ onClose }: { onClose: () => void }) {
  const closeRef = useModalFocus(onClose);

  return (
    <div className="help-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div className="help-dialog" role="dialog" aria-modal="true" aria-labelledby="help-h">
        <h2 id="help-h">Keyboard shortcuts</h2>
        <table className="help-keys">
          <tbody>
            {KEYS.map(([k, what]) => (
              <tr key={k}>
                <th scope="row">
                  <kbd>{k}</kbd>
                </th>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="help-note">
          Shortcuts work anywhere on the page except while typing in a field. On the time slider, arrows move through
          simulated time instead. Stepping back replays the run deterministically from the nearest checkpoint, so the
          picture is exactly the one you saw.
        </p>
        <button type="button" ref={closeRef} onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
