// The view part of a link (issue 6): what moment and what part of the lab it shows, so that opening
// a shared URL reproduces the same picture, not only the same scenario.
//   t=123456          the simulated moment, ns (0..the run's end)
//   fc=3              the focused CPU (0..cpus-1); default 0
//   pn=queues,iotlb   the visible panels in page order; default all; "pn=" shows none
//   view=gallery      the preset gallery instead of the lab; default the lab
//   tour=timeout&step=4   a guided tour open at a step (teaching, issue 15; src/sim/tour/chapters.ts)
//   cmp=mode:strict   A/B compare (issue 16): B as differences from the scenario (compare.ts)
//   embed=1           embed (issue 16): only the chosen panels and the playback bar, no header or
//                     forms, for an <iframe>; default the full page (embed=0 is the default too)
// Only values that differ from the defaults are written. Checked after the scenario, because the
// ranges of t and fc depend on it.

import { resolve, type Scenario } from '../sim/scenario.ts';
import { decodeCmp, encodeCmp, type CmpPart } from './compare.ts';
import { num } from './fields.ts';
import { findChapter, TOUR_IDS } from '../sim/tour/chapters.ts';

/** The lab's panels (issue 5), in page order; `pn` lists the visible ones. */
// 'pseudo' (issue 15, the pseudocode panel) is last: links listing the six older panels keep their meaning.
export const PANEL_IDS = ['queues', 'timeline', 'throughput', 'iotlb', 'allocator', 'counters', 'pseudo'] as const;
export type PanelId = (typeof PANEL_IDS)[number];

export type Page = 'lab' | 'gallery';
export const PAGES: readonly Page[] = ['lab', 'gallery'];

export interface ViewState {
  t?: number;
  focusCpu?: number;
  /** Visible panel ids; undefined = all (the default). */
  panels?: readonly string[];
  page?: Page;
  /** Teaching (issue 15): the guided tour open, and its 1-based step. */
  tour?: TourAt;
  /** A/B compare: B's differences from the scenario (compare.ts); undefined = no compare. */
  cmp?: readonly CmpPart[];
  /** Embed (issue 16): the panels and the playback bar only. */
  embed?: boolean;
}

export interface TourAt {
  id: string;
  step: number;
}

export const VIEW_KEYS: readonly string[] = ['t', 'fc', 'pn', 'view', 'tour', 'step', 'cmp', 'embed'];

/** Panel ids are short lowercase words; anything else is rejected before it is even compared. */
const PANEL_ID = /^[a-z][a-z0-9-]{0,31}$/;

const clip = (v: string): string => (v.length > 40 ? `${v.slice(0, 40)}…` : v);

/**
 * Reads the view keys (last occurrence of each) against the decoded scenario. `panelIds` is the
 * page's panel list (PANEL_IDS); without it (the CLI) ids are checked for form only.
 */
export function decodeView(raw: ReadonlyMap<string, string>, s: Scenario, panelIds?: readonly string[]): { view: ViewState; errors: string[] } {
  const view: ViewState = {};
  const errors: string[] = [];
  const t = raw.get('t');
  if (t !== undefined) {
    const n = num(t);
    const end = resolve(s).durationNs;
    // A rejected moment shows the start, as the message says (not the page's own default moment).
    if (!Number.isInteger(n) || n < 0) errors.push(`t: "${clip(t)}" is not a time; expected a whole number of simulated ns from 0 to ${end}; showing the start`);
    else if (n > end) errors.push(`t: ${n} ns is after the end of the run (${s.durationMs} ms = ${end} ns); showing the start`);
    view.t = Number.isInteger(n) && n >= 0 && n <= end ? n : 0;
  }
  const fc = raw.get('fc');
  if (fc !== undefined) {
    const n = num(fc);
    if (!Number.isInteger(n) || n < 0 || n >= s.cpus) errors.push(`fc: "${clip(fc)}" is not a CPU of this scenario; expected 0 to ${s.cpus - 1}; focusing CPU 0`);
    else view.focusCpu = n;
  }
  const pn = raw.get('pn');
  if (pn !== undefined) {
    const asked = pn === '' ? [] : pn.split(',');
    const bad = asked.filter((id) => !PANEL_ID.test(id) || (panelIds !== undefined && !panelIds.includes(id)));
    if (asked.length > 64) errors.push(`pn: ${asked.length} panels listed; showing all panels`);
    else {
      for (const id of bad) errors.push(`pn: unknown panel "${clip(id)}"${panelIds ? ` (panels: ${panelIds.join(', ')})` : ''}; not shown`);
      const ok = new Set(asked.filter((id) => !bad.includes(id)));
      // Page order, no duplicates: the store keeps panels that way, so equal views encode equally.
      view.panels = panelIds ? panelIds.filter((id) => ok.has(id)) : [...ok];
    }
  }
  const page = raw.get('view');
  if (page !== undefined) {
    if ((PAGES as readonly string[]).includes(page)) view.page = page as Page;
    else errors.push(`view: "${clip(page)}" is not a view; expected ${PAGES.join(' or ')}; showing the lab`);
  }
  decodeTour(raw, view, errors);
  // A/B compare (issue 16): read against the decoded scenario A, whose keys it changes.
  const cmp = raw.get('cmp');
  if (cmp !== undefined) {
    const c = decodeCmp(cmp, s);
    errors.push(...c.errors);
    if (c.diff) view.cmp = c.diff;
  }
  // Embed (issue 16): a new key, so no old link carries it and none changes meaning.
  const embed = raw.get('embed');
  if (embed !== undefined) {
    if (embed === '1' || embed === '0') view.embed = embed === '1';
    else errors.push(`embed: "${clip(embed)}" is not 0 or 1; showing the full page`);
  }
  return { view, errors };
}

/** Teaching (issue 15): `tour=<chapter id>&step=<1-based>`; a bad value is named, the rest kept. */
function decodeTour(raw: ReadonlyMap<string, string>, view: ViewState, errors: string[]): void {
  const id = raw.get('tour');
  const step = raw.get('step');
  if (id === undefined) {
    if (step !== undefined) errors.push(`step: "${clip(step)}" given without tour; ignored`);
    return;
  }
  const ch = findChapter(id);
  if (!ch) {
    errors.push(`tour: unknown chapter "${clip(id)}" (chapters: ${TOUR_IDS.join(', ')}); no tour opened`);
    return;
  }
  const n = step === undefined ? 1 : num(step);
  const count = ch.steps.length;
  if (!Number.isInteger(n) || n < 1 || n > count) {
    errors.push(`step: "${clip(step ?? '')}" is not a step of the ${id} tour; expected 1 to ${count}; opening step 1`);
    view.tour = { id, step: 1 };
  } else view.tour = { id, step: n };
}

/**
 * The view keys that differ from the defaults, as `key=value` parts (t last: it changes most). A
 * moment is written whenever there is one (t=0 too): "no moment" is the default, not t=0.
 */
export function encodeView(v: ViewState, s: Scenario, panelIds?: readonly string[]): string[] {
  const parts: string[] = [];
  // A focus the scenario no longer has (CPUs reduced) is not written: it would not decode.
  if (v.focusCpu !== undefined && v.focusCpu > 0 && v.focusCpu < s.cpus) parts.push(`fc=${v.focusCpu}`);
  if (v.panels !== undefined) {
    const panels = panelIds ? panelIds.filter((id) => v.panels!.includes(id)) : [...v.panels];
    const all = panelIds !== undefined && panels.length === panelIds.length;
    if (!all) parts.push(`pn=${panels.map(encodeURIComponent).join(',')}`);
  }
  if (v.page !== undefined && v.page !== 'lab') parts.push(`view=${v.page}`);
  if (v.tour) parts.push(`tour=${encodeURIComponent(v.tour.id)}`, `step=${v.tour.step}`);
  if (v.cmp !== undefined && v.cmp.length > 0) parts.push(`cmp=${encodeCmp(v.cmp)}`);
  if (v.embed) parts.push('embed=1');
  // Likewise a moment past the end of a run that was shortened.
  if (v.t !== undefined && v.t <= resolve(s).durationNs) parts.push(`t=${v.t}`);
  return parts;
}
