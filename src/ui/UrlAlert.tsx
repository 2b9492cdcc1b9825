// Rejected parts of the URL hash: one line each, naming the part (the codec's messages start with
// the key). Rendered as React text, never as HTML, whatever the URL contains.

import { dismissUrlErrors } from '../store/labStore.ts';
import { useLab, useLabStore } from './labContext.ts';

export function UrlAlert() {
  const store = useLabStore();
  const errors = useLab((s) => s.urlErrors);
  if (errors.length === 0) return null;
  return (
    <div className="alert" role="alert" data-testid="url-errors">
      <p className="alert-title">
        {errors.length === 1 ? 'One part of the URL was not used' : `${errors.length} parts of the URL were not used`}; the
        simulation runs with the valid parts and the defaults:
      </p>
      <ul>
        {errors.map((e, i) => (
          <li key={i}>{e}</li>
        ))}
      </ul>
      <button type="button" onClick={() => dismissUrlErrors(store)}>
        Dismiss
      </button>
    </div>
  );
}
