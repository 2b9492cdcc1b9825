// A preset's live preview in the gallery: a sparkline of IOPS from a short run of that preset in the
// simulation worker (presetPreviews.ts). The SVG is an image with a text alternative giving the
// numbers, so the preview says the same thing to a screen reader. Each sparkline is scaled to its own
// peak, so the caption names that scale; a dashed line marks the preset's first intervention.

import { useSyncExternalStore } from 'react';
import { fmtMs, fmtSi } from './format.ts';
import { previewQueue } from './presetPreviews.ts';
import { previewRun, sparkPoints } from './sparkline.ts';

const W = 180;
const H = 36;

export function PresetPreview({ name }: { name: string }) {
  const q = previewQueue();
  const state = useSyncExternalStore(q.subscribe, () => q.get(name));
  if (!state || state.status === 'pending') {
    return (
      <p className="preview preview-pending" data-testid={`preview-${name}`}>
        preview: simulating…
      </p>
    );
  }
  if (state.status === 'error') {
    return (
      <p className="preview preview-error" data-testid={`preview-${name}`}>
        preview unavailable: {state.message}
      </p>
    );
  }
  const p = state.preview;
  const lo = Math.min(...p.iops);
  const hi = Math.max(...p.iops);
  const span = `${p.capped ? 'first ' : ''}${fmtMs(p.durationMs)} ms`;
  const iv = previewRun(name).scenario.interventions[0];
  const ivX = iv && iv.atMs < p.durationMs ? Math.round((iv.atMs / p.durationMs) * W) + 0.5 : null;
  const ivText = iv && ivX !== null ? `; ${iv.kind} at ${fmtMs(iv.atMs)} ms (dashed line)` : '';
  const label = `IOPS over the ${span}: mean ${fmtSi(p.meanIops)}, from ${fmtSi(lo)} to ${fmtSi(hi)}; drawn from 0 to ${fmtSi(hi)}${ivText}`;
  return (
    <figure className="preview" data-testid={`preview-${name}`}>
      <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
        <line x1={0} x2={W} y1={H - 0.5} y2={H - 0.5} className="preview-base" />
        {ivX !== null && <line x1={ivX} x2={ivX} y1={0} y2={H} className="preview-iv" />}
        <polyline points={sparkPoints(p.iops, W, H, 2)} className="preview-line" />
      </svg>
      <figcaption aria-hidden="true">
        {fmtSi(p.meanIops)} IOPS · scale 0–{fmtSi(hi)} · {span}
        {iv && ivX !== null ? ` · ${iv.kind} at ${fmtMs(iv.atMs)} ms` : ''}
      </figcaption>
    </figure>
  );
}
