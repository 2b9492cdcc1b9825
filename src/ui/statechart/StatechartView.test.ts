// The statechart view rendered to static markup: every state is a keyboard-focusable button with a
// label, the active state and its ancestors are marked, the selected state's explanation (naming
// the kernel function) is in the live region, and the text alternative lists every transition.

import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { machineGraph } from '../../machines/graph.ts';
import { StatechartView, type StatechartViewProps } from './StatechartView.tsx';

const render = (p: StatechartViewProps) => renderToStaticMarkup(createElement(StatechartView, p));
const count = (html: string, re: RegExp) => (html.match(re) ?? []).length;

describe('StatechartView', () => {
  it('draws every state of the machine as a focusable button with an aria-label', () => {
    for (const m of ['cpuFlushQueue', 'flushTimer'] as const) {
      const html = render({ machine: m });
      const n = machineGraph(m).states.length;
      expect(count(html, /role="button" tabindex="0" aria-label="/g)).toBe(n);
      for (const s of machineGraph(m).states) expect(html).toContain(`data-state="${s.id}"`);
    }
  });

  it('highlights the active state from an actor snapshot value and says so in its label and caption', () => {
    const html = render({ machine: 'cpuFlushQueue', active: { __iommu_dma_unmap: { queue_iova: 'fq_add' } } });
    expect(count(html, /data-active="1"/g)).toBe(1);
    expect(html).toMatch(/data-state="__iommu_dma_unmap.queue_iova.fq_add" data-active="1"/);
    expect(html).toContain('aria-label="fq_add (active)"');
    expect(html).toContain('aria-label="queue_iova (contains the active state)"');
    expect(html).toContain('— active: fq_add</span></figcaption>');
  });

  it('accepts a dotted state id and shows a note with the active state (the timer’s ring)', () => {
    const html = render({ machine: 'flushTimer', active: 'firing.fq_ring_free.next', activeNote: 'ring 3 of 16' });
    expect(html).toMatch(/data-state="firing.fq_ring_free.next" data-active="1"/);
    expect(html).toContain('ring 3 of 16');
  });

  it('explains the selected state in the live region, naming the kernel function', () => {
    const html = render({ machine: 'flushTimer', selected: 'armed' });
    const live = /<div class="statechart-explain" aria-live="polite"[^>]*>(.*?)<\/div>/.exec(html)?.[1] ?? '';
    expect(live).toContain('<strong>armed</strong>');
    expect(live).toContain('fq_timer_on');
    expect(html).toContain('aria-label="armed (explained below)"');
    expect(render({ machine: 'flushTimer' })).toContain('Select a state');
  });

  it('lists every transition as text', () => {
    const html = render({ machine: 'cpuFlushQueue' });
    const g = machineGraph('cpuFlushQueue');
    expect(count(html, /<li>(on |at once)/g)).toBe(g.transitions.length);
    expect(html).toContain('on dispatch if unmapQueued, runs runUnmap, goes to __iommu_dma_unmap.queue_iova');
    expect(html).toContain('at once if ringFull, goes to __iommu_dma_unmap.queue_iova.fq_flush_iotlb');
  });
});
