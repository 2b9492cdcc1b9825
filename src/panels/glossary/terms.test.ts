import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { counterRows } from '../counters/rows.ts';
import { blankView } from '../testing/blankView.ts';
import { PANEL_TITLE } from '../titles.ts';
import { splitTerms, termsIn } from './match.ts';
import { termById, TERMS, tourHref, tourLinkFrom } from './terms.ts';

const CHAPTERS = ['journey', 'lazy-fast', 'stale', 'counters', 'timeout', 'allocator', 'collapses', 'versions'];
const here = import.meta.dirname;
const read = (...p: string[]) => readFileSync(join(here, ...p), 'utf8');

/** The label strings the page shows with glossary terms: panel titles and captions, counter names and notes, legends, control labels. */
function uiStrings(): string[] {
  const out: string[] = Object.values(PANEL_TITLE);
  const panelsDir = join(here, '..');
  for (const f of readdirSync(panelsDir).filter((n) => n.endsWith('Panel.tsx'))) {
    const src = readFileSync(join(panelsDir, f), 'utf8');
    for (const m of src.matchAll(/what="([^"]+)"/g)) out.push(m[1]);
    for (const m of src.matchAll(/label: '([^']+)'/g)) out.push(m[1]);
  }
  const counters = read('..', 'CountersPanel.tsx');
  const names = counters.slice(counters.indexOf('const NAMES'), counters.indexOf('};', counters.indexOf('const NAMES')));
  for (const m of names.matchAll(/: '([^']+)'/g)) out.push(m[1]);
  for (const r of counterRows(blankView({ cpus: 4 }))) out.push(r.name, r.note);
  for (const m of read('..', '..', 'ui', 'Controls.tsx').matchAll(/ label="([^"]+)"/g)) out.push(m[1]);
  return out;
}

/** Spellings the page uses that are not kernel terms (units, hardware, the lab's own words). */
const NOT_TERMS = new Set(['CPU', 'CPUs', 'PRNG', 'KiB', 'GiB', 'MiB', 'PCI', 'ms', 'ns', 'µs', 'I/O', 'I/Os', 'IOPS', 'ID', 'URL', 'NUMA']);

describe('glossary table', () => {
  it('ids and spellings are unique, definitions are sentences, tour links use the fixed chapters', () => {
    expect(new Set(TERMS.map((t) => t.id)).size).toBe(TERMS.length);
    const spellings = TERMS.flatMap((t) => t.match);
    expect(new Set(spellings).size).toBe(spellings.length);
    for (const t of TERMS) {
      expect(t.definition, t.id).toMatch(/^.{40,}[.)]$/s);
      if (t.tour) {
        expect(CHAPTERS).toContain(t.tour.chapter);
        expect(tourHref(t)).toBe(`#tour=${t.tour.chapter}&step=${t.tour.step}`);
      }
    }
  });

  it('defines every kernel term issue 15 lists', () => {
    const listed = ['IOVA', 'IOTLB', 'flush queue', 'ring', 'entry', 'fq_flush_start_cnt', 'fq_flush_finish_cnt', 'counter', 'magazine', 'loaded', 'prev', 'depot', 'rcache', 'rbtree', 'granule', 'SAC', '32-bit-first', 'forcedac', 'strict', 'lazy', 'passthrough', 'stale window', 'timeout'];
    for (const w of listed) expect(termsIn(w).size, w).toBe(1);
  });

  it('every kernel identifier and acronym in the page’s labels has a definition', () => {
    const defined = new Set(TERMS.flatMap((t) => t.match));
    const missing = new Set<string>();
    for (const s of uiStrings()) {
      const found = new Set(termsIn(s));
      for (const m of s.matchAll(/(?<![\w.-])([a-z][a-z0-9]*(?:_[a-z0-9]+)+|[A-Z][A-Z0-9]+s?)(?![\w-])/g)) {
        const w = m[1];
        if (NOT_TERMS.has(w) || defined.has(w)) continue;
        // A longer spelling containing it was found (e.g. "fq_timer expires" within a defined phrase).
        if ([...found].some((id) => TERMS.find((t) => t.id === id)!.match.some((sp) => sp.includes(w)))) continue;
        missing.add(`${w} (in "${s.slice(0, 60)}")`);
      }
    }
    expect([...missing]).toEqual([]);
  });

  it('scans real strings: the panels’ labels are found and use terms', () => {
    const all = uiStrings();
    expect(all.length).toBeGreaterThan(40);
    const used = new Set(all.flatMap((s) => [...termsIn(s)]));
    for (const id of ['iova', 'iotlb', 'magazine', 'depot', 'rbtree', 'start-cnt', 'finish-cnt', 'forcedac', 'counter-reuse']) expect(used, id).toContain(id);
  });
});

describe('tour links', () => {
  it('keep the page’s scenario and view, replacing an earlier tour and step', () => {
    const magazine = termById('magazine')!;
    expect(tourLinkFrom('#v=3&cpus=4&t=100&tour=stale&step=3', magazine)).toBe('#v=3&cpus=4&t=100&tour=allocator&step=1');
    expect(tourLinkFrom('', magazine)).toBe('#tour=allocator&step=1');
    expect(tourLinkFrom('#v=3', termById('granule')!)).toBeNull();
  });
});

describe('marking terms in a text', () => {
  it('marks the first occurrence of each term, whole words only, longest spelling first', () => {
    const parts = splitTerms('IOVA rings: an IOVA waits for fq_flush_timeout; counter reuse; ringing');
    const marked = parts.filter((p) => typeof p !== 'string').map((p) => (p as { text: string }).text);
    expect(marked).toEqual(['IOVA', 'rings', 'fq_flush_timeout', 'counter reuse']);
    expect(parts.map((p) => (typeof p === 'string' ? p : p.text)).join('')).toBe('IOVA rings: an IOVA waits for fq_flush_timeout; counter reuse; ringing');
  });

  it('skips terms already marked elsewhere', () => {
    expect(splitTerms('the IOVA allocator', ['iova'])).toEqual(['the IOVA allocator']);
  });
});
