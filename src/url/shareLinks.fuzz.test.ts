// Real share links, damaged (issue 14): the links Share makes for every preset (as is, edited as a
// user would, the gallery view, an embed and a compare) mutated by byte, key and value edits, 10 500 cases under a fixed
// seed. For every case: decoding never throws and yields a valid scenario; every message names the
// part it rejects; a part made invalid on purpose is named; and the rest of the link still applies
// (every key that survived the edit decodes to what it did in the undamaged link, unless it depends
// on a key that did not survive: the preset, the version, the CPU count, the era/queue pair, the
// duration). Written against the codec's public functions only (decodeHash, encodeHash and the
// field tables), so it holds whatever URL_VERSION is.

import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { PRESETS, presetScenario } from '../sim/presets.ts';
import { resolve, type Scenario } from '../sim/scenario.ts';
import { validateScenario } from '../sim/validate.ts';
import { PANEL_IDS } from './view.ts';
import { decodeHash, encodeHash, type Decoded } from './codec.ts';
import { LIST_FIELDS, SCALAR_FIELDS } from './fields.ts';

const opts = { panelIds: PANEL_IDS };
const SEED = 0x14; // issue 14; fixed so a failure reproduces
const VIEW = ['t', 'fc', 'pn', 'view', 'tour', 'step', 'cmp', 'embed'];
const KNOWN = new Set(['v', 'p', 'w', 'sz', 'lat', 'iv', 'age', ...VIEW, ...Object.keys(SCALAR_FIELDS)]);
/** Keys other keys are read against: if one of them did not survive, its dependants may not either. */
const ANCHORS = ['cpus', 'era', 'q', 'dur'];
/** Keys read against an anchor: CPU numbers (lc, cc, fc, the blob's interventions), q vs era, t vs dur. */
const DEPENDANTS = new Set(['lc', 'cc', 'fc', 'w', 'iv', 'q', 'era', 't', 'cmp']);
/** A message names the part it rejects ("key: …"), or is one of the whole-hash messages. */
const NAMED = /^(?:"(?:[^"\\]|\\.)+": \S|[^:\s"][^:]*: \S|the URL hash is \d+ characters long|…and \d+ more rejected parts)/;
/** Values no key accepts ('' is a valid pn, iv and age: no panels, interventions, aged classes). */
const INVALID = ['abc', '-1', '1e400', '<b>1</b>', '"><img src=x onerror=alert(1)>', '%00', ''];
const EMPTY_OK = ['pn', 'iv', 'age'];
const invalidFor = (k: string, n: number): string => (EMPTY_OK.includes(k) && INVALID[n % INVALID.length] === '' ? 'abc' : INVALID[n % INVALID.length]);

/** The links Share makes (ui/hashSync: encodeHash with the page's panels) for every preset. */
function shareLinks(): string[] {
  const links: string[] = [];
  for (const { name } of PRESETS) {
    const s = presetScenario(name);
    const end = resolve(s).durationNs;
    links.push(encodeHash(s, name, { t: Math.floor(end / 2), focusCpu: s.cpus - 1, panels: ['queues', 'timeline', 'throughput'] }, opts));
    links.push(encodeHash(s, name, { page: 'gallery' }, opts));
    links.push(encodeHash(s, name, { panels: ['queues', 'throughput'], embed: true }, opts));
    // Edited as a user would: mode, CPUs, seed, a cost, the latency, an intervention (the blob w).
    const e: Scenario = structuredClone(s);
    e.mode = s.mode === 'strict' ? 'lazy' : 'strict';
    e.cpus = Math.min(512, s.cpus * 2);
    e.seed = 7;
    e.costs.flushAllNs = s.costs.flushAllNs + 1000;
    e.workload.latency = { dist: 'uniform', meanUs: 80, spreadUs: 40 };
    e.interventions = [...s.interventions, { kind: 'pause', atMs: s.durationMs / 4, forMs: s.durationMs / 8, cpus: [0, 1] }];
    expect(validateScenario(e).errors, name).toEqual([]);
    links.push(encodeHash(e, name, { t: Math.floor(end / 3), focusCpu: 1, panels: ['iotlb', 'counters'] }, opts));
    // An A/B compare link (issue 16): B = counter reuse flipped, on another kernel version.
    const kv = s.queue === 'single' ? (s.kernel === '6.12' ? '6.7' : '6.12') : s.kernel === '6.6' ? '6.7' : '6.6';
    const cmp = [{ key: 'cr', value: s.counterReuse ? '0' : '1' }, { key: 'kv', value: kv }];
    links.push(encodeHash(s, name, { t: Math.floor(end / 2), cmp }, opts));
  }
  return links;
}

const LINKS = shareLinks();
const CLEAN = new Map(LINKS.map((l) => [l, decodeHash(l, opts)]));
// The decoder reads a hash with or without its leading '#' (codec.ts decodeHash), so an edit that
// puts a '#' first names no key '#…'.
const pairs = (h: string): [string, string][] => [...new URLSearchParams(h.startsWith('#') ? h.slice(1) : h)];

let cases = 0;
afterAll(() => console.info(`share-link mutation fuzz: ${cases} cases over ${LINKS.length} links`));

/** What holds for any input: no throw, a valid scenario, an in-range view, every message named. */
function decodeChecked(h: string): Decoded {
  let d!: Decoded;
  expect(() => (d = decodeHash(h, opts))).not.toThrow();
  cases++;
  expect(validateScenario(d.scenario).errors).toEqual([]);
  if (d.t !== undefined) expect(Number.isInteger(d.t) && d.t >= 0 && d.t <= resolve(d.scenario).durationNs).toBe(true);
  if (d.focusCpu !== undefined) expect(d.focusCpu >= 0 && d.focusCpu < d.scenario.cpus).toBe(true);
  for (const e of d.errors) expect(e, h).toMatch(NAMED);
  return d;
}

/** One view key's decoded value. */
function viewOf(d: Decoded, k: string): unknown {
  return k === 't' ? d.t : k === 'fc' ? d.focusCpu : k === 'pn' ? d.panels : k === 'cmp' ? d.cmp : k === 'embed' ? d.embed : d.page;
}

/**
 * The rest applied: every key of the link that survived the edit unchanged (present once, same
 * value) decodes as in the undamaged link. A damaged version or preset changes how every key is
 * read, so then only the no-throw and named-message rules apply; a damaged anchor exempts its
 * dependants.
 */
function checkRestApplied(link: string, mutated: string, d: Decoded): void {
  const before = pairs(link);
  const after = pairs(mutated);
  const once = (k: string) => after.filter(([x]) => x === k);
  const intact = (k: string) => {
    const a = once(k);
    const b = before.find(([x]) => x === k);
    return b ? a.length === 1 && a[0][1] === b[1] : a.length === 0;
  };
  if (!intact('v') || !intact('p')) return;
  const anchorsIntact = ANCHORS.every(intact);
  const orig = CLEAN.get(link)!;
  for (const [k] of before) {
    if (k === 'v' || k === 'p' || !intact(k) || (!anchorsIntact && DEPENDANTS.has(k))) continue;
    const what = `${k} after ${JSON.stringify(mutated)}`;
    if (VIEW.includes(k)) expect(viewOf(d, k), what).toEqual(viewOf(orig, k));
    else if (k === 'w') for (const f of Object.values(LIST_FIELDS)) expect(f.get(d.scenario), what).toBe(f.get(orig.scenario));
    else if (Object.hasOwn(LIST_FIELDS, k)) expect(LIST_FIELDS[k].get(d.scenario), what).toBe(LIST_FIELDS[k].get(orig.scenario));
    else expect(SCALAR_FIELDS[k].get(d.scenario), what).toBe(SCALAR_FIELDS[k].get(orig.scenario));
  }
}

/** A message names key `k` (as written, or quoted when it has odd characters). */
const names = (d: Decoded, k: string) => d.errors.some((e) => e.startsWith(`${k}: `) || e.startsWith(`${JSON.stringify(k)}: `));

const linkArb = fc.constantFrom(...LINKS);
/** A link and the index of one of its parameters. */
const linkParamArb = linkArb.chain((l) => fc.tuple(fc.constant(l), fc.nat(pairs(l).length - 1)));
const join = (ps: [string, string][]) => ps.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
const run = <T extends [unknown, ...unknown[]]>(prop: fc.IPropertyWithHooks<T>, numRuns: number) => fc.assert(prop, { seed: SEED, numRuns });

describe('share links of every preset, mutated', () => {
  it('the undamaged links decode clean and back to themselves', () => {
    expect(LINKS.length).toBe(PRESETS.length * 5);
    for (const l of LINKS) {
      const d = decodeChecked(l);
      expect(d.errors, l).toEqual([]);
      expect(encodeHash(d.scenario, d.preset, d, opts), l).toBe(l);
    }
  });

  it('byte edits: inserted, deleted, replaced and percent-encoded characters (4500)', () => {
    const edit = fc.oneof(
      fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.string({ minLength: 1, maxLength: 4 }), fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }), fc.constantFrom('&', '=', '%', '#', '+', '%zz', '&=', '==')) }),
      fc.record({ op: fc.constant('delete' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 6 }) }),
      fc.record({ op: fc.constant('replace' as const), at: fc.nat(), ch: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) }),
      fc.record({ op: fc.constant('percent' as const), at: fc.nat() }),
    );
    run(
      fc.property(linkArb, fc.array(edit, { minLength: 1, maxLength: 3 }), (link, edits) => {
        let s = link;
        for (const e of edits) {
          const i = e.at % (s.length + 1);
          if (e.op === 'insert') s = s.slice(0, i) + e.text + s.slice(i);
          else if (e.op === 'delete') s = s.slice(0, i) + s.slice(i + e.n);
          else if (e.op === 'replace') s = s.slice(0, i) + e.ch + s.slice(i + 1);
          else if (i < s.length) s = s.slice(0, i) + `%${s.charCodeAt(i).toString(16).padStart(2, '0')}` + s.slice(i + 1);
        }
        const d = decodeChecked(s);
        checkRestApplied(link, s, d);
        // No message: every key was understood, so nothing was silently dropped.
        if (d.errors.length === 0) for (const [k] of pairs(s)) expect(KNOWN.has(k), `no message for ${JSON.stringify(k)} in ${s}`).toBe(true);
      }),
      4500,
    );
  }, 180_000);

  it('key edits: renamed to an unknown key, dropped, repeated with a bad value, reordered (3000)', () => {
    const op = fc.constantFrom('rename', 'drop', 'repeat-bad', 'swap');
    run(
      fc.property(linkParamArb, op, fc.constantFrom('x', '_', 'Z', '9', '.'), fc.nat(), ([link, i], kind, suffix, j) => {
        const ps = pairs(link);
        const [k, v] = ps[i];
        if (kind === 'rename') {
          const k2 = `${k}${suffix}`;
          const m = join(ps.map((p, n) => (n === i ? [k2, v] : p)));
          const d = decodeChecked(m);
          if (!KNOWN.has(k2)) expect(names(d, k2), `${k2} in ${JSON.stringify(d.errors)}`).toBe(true);
          checkRestApplied(link, m, d);
        } else if (kind === 'drop') {
          const m = join(ps.filter((_, n) => n !== i));
          checkRestApplied(link, m, decodeChecked(m));
        } else if (kind === 'repeat-bad') {
          // The bad repeat is rejected and named; the good value given first stays applied.
          const bad = k === 'pn' ? 'abc' : invalidFor(k, j);
          const m = `${link}&${encodeURIComponent(k)}=${encodeURIComponent(bad)}`;
          const d = decodeChecked(m);
          expect(names(d, k), `${k}=${bad}: ${JSON.stringify(d.errors)}`).toBe(true);
          const orig = CLEAN.get(link)!;
          if (k in SCALAR_FIELDS) expect(SCALAR_FIELDS[k].get(d.scenario)).toBe(SCALAR_FIELDS[k].get(orig.scenario));
        } else {
          // Order does not matter: the same parameters in another order decode to the same thing.
          const o = j % ps.length;
          const swapped = ps.map((p, n) => (n === i ? ps[o] : n === o ? ps[i] : p));
          const d = decodeChecked(join(swapped));
          const orig = CLEAN.get(link)!;
          expect(d.errors).toEqual([]);
          expect([d.scenario, d.preset, d.t, d.focusCpu, d.panels, d.page, d.cmp, d.embed]).toEqual([orig.scenario, orig.preset, orig.t, orig.focusCpu, orig.panels, orig.page, orig.cmp, orig.embed]);
        }
      }),
      3000,
    );
  }, 180_000);

  it('value edits: an invalid value (named), a truncated one, a random one (3000)', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('invalid' as const), n: fc.nat() }),
      fc.record({ kind: fc.constant('truncate' as const), frac: fc.double({ min: 0, max: 0.95, noNaN: true }) }),
      fc.record({ kind: fc.constant('random' as const), text: fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 12 }), fc.integer().map(String), fc.double().map(String)) }),
    );
    run(
      fc.property(linkParamArb, op, ([link, i], e) => {
        const ps = pairs(link);
        const [k, v] = ps[i];
        const value = e.kind === 'invalid' ? (k === 'pn' ? 'abc' : invalidFor(k, e.n)) : e.kind === 'truncate' ? v.slice(0, Math.floor(v.length * e.frac)) : e.text;
        const m = join(ps.map((p, n) => (n === i ? [k, value] : p)));
        const d = decodeChecked(m);
        if (e.kind === 'invalid') expect(names(d, k), `${k}=${value}: ${JSON.stringify(d.errors)}`).toBe(true);
        checkRestApplied(link, m, d);
      }),
      3000,
    );
    expect(cases).toBeGreaterThanOrEqual(10_000);
  }, 180_000);
});
