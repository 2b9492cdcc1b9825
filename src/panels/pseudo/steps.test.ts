import { describe, expect, it } from 'vitest';
import { CPU_STEPS, PHASE_NAMES } from '../../sim/phases.ts';
import { EV, GET_FROM, INSERT_TO, MAP_SRC, type TraceEvent } from '../../sim/trace.ts';
import { findLine, PROGRAM, type LineRef } from './program.ts';
import { eventLine, GET_LINE, INSERT_LINE, lastEventLine, MAP_LINE, STEP_LINE, stepLine } from './steps.ts';

const ev = (e: Partial<TraceEvent> & { ev: TraceEvent['ev'] }): TraceEvent => ({ t: 0, cpu: 0, ...e }) as TraceEvent;

describe('CPU step → pseudocode line (STEP_LINE)', () => {
  it('maps every step of the CPU step table, and nothing else', () => {
    expect(Object.keys(STEP_LINE).sort()).toEqual([...PHASE_NAMES].sort());
    for (let p = 0; p < CPU_STEPS.length; p++) expect(stepLine(p)).toBe(STEP_LINE[CPU_STEPS[p].name]);
    expect(stepLine(CPU_STEPS.length)).toBeNull();
  });

  it('every line and caller it names exists in the program', () => {
    for (const [name, s] of Object.entries(STEP_LINE)) {
      expect(findLine(s.line), `${name} → ${s.line}`).toBeDefined();
      if (s.caller) expect(findLine(s.caller), `${name} caller ${s.caller}`).toBeDefined();
    }
  });

  it('a caller line calls the function of the line it waits for', () => {
    for (const s of Object.values(STEP_LINE)) {
      if (!s.caller) continue;
      const callee = findLine(s.line)!.fn.id;
      expect(findLine(s.caller)!.line.text, `${s.caller} calls ${callee}`).toContain(callee);
    }
  });

  it('a step lands in the kernel function its name starts with', () => {
    // queue_iova:flush is inside fq_flush_iotlb, called from queue_iova: the caller carries the name.
    for (const [name, s] of Object.entries(STEP_LINE)) {
      const fn = name.split(':')[0];
      if (fn === 'idle' || fn === 'iotlb_sync') continue;
      const lines = [s.line, s.caller].filter(Boolean).map((r) => findLine(r as LineRef)!.fn.id);
      expect(lines, name).toContain(fn);
    }
    expect(findLine(STEP_LINE.iotlb_sync.line)!.line.text).toContain('iommu_iotlb_sync');
  });
});

describe('trace event → pseudocode line', () => {
  it('every rcache outcome, map source and event kind has an existing line (depot work has none)', () => {
    for (const k of INSERT_TO) expect(findLine(INSERT_LINE[k]), k).toBeDefined();
    for (const k of GET_FROM) expect(findLine(GET_LINE[k]), k).toBeDefined();
    for (const k of MAP_SRC) expect(findLine(MAP_LINE[k]), k).toBeDefined();
    for (const name of Object.keys(EV) as TraceEvent['ev'][]) {
      const l = eventLine(ev({ ev: name, to: 'loaded', from: 'prev', src: 'rbtree' }));
      if (name === 'depot_reclaim') expect(l).toBeNull();
      else expect(findLine(l!), name).toBeDefined();
    }
  });

  it('picks the line by where the IOVA went or came from', () => {
    expect(eventLine(ev({ ev: 'rcache_insert', to: 'prev' }))).toBe('iova_rcache_insert:3');
    expect(eventLine(ev({ ev: 'rcache_get', from: 'depot' }))).toBe('__iova_rcache_get:4');
    expect(eventLine(ev({ ev: 'map', src: 'retry' }))).toBe('alloc_iova_fast:6');
  });

  it('the last line the focused CPU ran in a step ignores other CPUs', () => {
    const evs = [ev({ ev: 'fq_free', cpu: 2 }), ev({ ev: 'rcache_insert', cpu: 2, to: 'loaded' }), ev({ ev: 'fq_add', cpu: 5 })];
    expect(lastEventLine(evs, 2)).toBe('iova_rcache_insert:2');
    expect(lastEventLine(evs, 5)).toBe('queue_iova:7');
    expect(lastEventLine(evs, 0)).toBeNull();
  });

  it('line ids are unique per block (no two blocks share an id)', () => {
    expect(new Set(PROGRAM.map((f) => f.id)).size).toBe(PROGRAM.length);
  });
});
