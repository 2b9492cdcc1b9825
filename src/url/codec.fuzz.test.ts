// Hostile and broken hashes: at least 10 000 random and mutated hashes are decoded; none throws,
// every result is a valid scenario with an in-range view, every message names the part it rejects,
// and every hash that is invalid by construction gets a message naming the broken key.

import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { PRESETS, presetScenario } from '../sim/presets.ts';
import { resolve } from '../sim/scenario.ts';
import { validateScenario } from '../sim/validate.ts';
import { PANEL_IDS } from './view.ts';
import { anyScenarioArb, presetNameArb, viewArb } from './testing/arbitraries.ts';
import { decodeHash, encodeHash, type Decoded } from './codec.ts';
import { URL_VERSION } from './migrations.ts';
import { SCALAR_FIELDS } from './fields.ts';
import { packBlob } from './blob.ts';

const opts = { panelIds: PANEL_IDS };
const KNOWN = new Set(['v', 'p', 'w', 't', 'fc', 'pn', 'view', 'tour', 'step', 'cmp', 'embed', 'sz', 'lat', 'iv', 'age', ...Object.keys(SCALAR_FIELDS)]);
/** A message names the part it rejects ("key: …"), or is one of the whole-hash messages. */
const NAMED = /^(?:"(?:[^"\\]|\\.)+": \S|[^:\s"][^:]*: \S|the URL hash is \d+ characters long|…and \d+ more rejected parts)/;

let decoded = 0;
afterAll(() => {
  console.info(`fuzz: ${decoded} hashes decoded`);
});

/** Decodes and checks what holds for every input whatsoever. */
function decodeChecked(h: string): Decoded {
  let d!: Decoded;
  expect(() => (d = decodeHash(h, opts))).not.toThrow();
  decoded++;
  expect(validateScenario(d.scenario).errors).toEqual([]);
  if (d.t !== undefined) expect(d.t >= 0 && d.t <= resolve(d.scenario).durationNs && Number.isInteger(d.t)).toBe(true);
  if (d.focusCpu !== undefined) expect(d.focusCpu >= 0 && d.focusCpu < d.scenario.cpus).toBe(true);
  for (const id of d.panels ?? []) expect(PANEL_IDS).toContain(id);
  expect(['lab', 'gallery']).toContain(d.page);
  for (const e of d.errors) expect(e).toMatch(NAMED);
  return d;
}

/** With no message, the hash was fully understood: every key known, and the decode is canonical. */
function checkClean(h: string, d: Decoded): void {
  if (d.errors.length) return;
  const raw = h.startsWith('#') ? h.slice(1) : h;
  for (const k of new URLSearchParams(raw).keys()) expect(KNOWN.has(k), `no message for key ${JSON.stringify(k)} in ${h}`).toBe(true);
  const again = decodeHash(encodeHash(d.scenario, d.preset, d, opts), opts);
  expect(again.errors).toEqual([]);
  expect(again.scenario).toEqual(d.scenario);
  expect([again.t, again.focusCpu ?? 0, again.page, again.cmp, again.embed]).toEqual([d.t, d.focusCpu ?? 0, d.page, d.cmp, d.embed]);
}

/** A valid hash: a random scenario and view relative to a random preset, or a preset as is. */
const validHashArb = fc.oneof(
  fc.tuple(anyScenarioArb, presetNameArb).chain(([s, p]) => viewArb(s).map((v) => encodeHash(s, p, v, opts))),
  presetNameArb.map((p) => encodeHash(presetScenario(p), p, { t: 1000, focusCpu: 1 }, opts)),
);

const BAD_VALUES = ['-1', 'abc', '1e400', '', '<b>1</b>', '"><img src=x onerror=alert(1)>', '%00', '9'.repeat(30)];

/** One mutation that makes a valid hash invalid, and the key its message must name. */
const breakArb = fc.oneof(
  fc.record({ kind: fc.constant('unknown-key' as const), n: fc.nat(999) }),
  fc.record({ kind: fc.constant('bad-scalar' as const), key: fc.constantFrom(...Object.keys(SCALAR_FIELDS)), value: fc.constantFrom(...BAD_VALUES) }),
  fc.record({ kind: fc.constant('truncate-blob' as const), frac: fc.double({ min: 0, max: 0.9, noNaN: true }) }),
  fc.record({ kind: fc.constant('bad-t' as const), over: fc.integer({ min: 1, max: 1e9 }) }),
  fc.record({ kind: fc.constant('bad-fc' as const), over: fc.nat(600) }),
  fc.record({ kind: fc.constant('bad-pn' as const), id: fc.constantFrom('bogus', '<svg/onload=alert(1)>', 'Queues', 'x'.repeat(50)) }),
  fc.record({ kind: fc.constant('bad-p' as const), name: fc.string({ minLength: 1, maxLength: 30 }).filter((n) => !PRESETS.some((p) => p.name === n)) }),
  fc.record({ kind: fc.constant('bad-view' as const), value: fc.constantFrom('editor', '', 'GALLERY', '<i>x</i>') }),
  fc.record({ kind: fc.constant('bad-embed' as const), value: fc.constantFrom('2', '', 'yes', 'true', '<i>x</i>') }),
  fc.record({ kind: fc.constant('huge' as const), n: fc.integer({ min: 4100, max: 20000 }) }),
  fc.record({ kind: fc.constant('future-v' as const), v: fc.integer({ min: URL_VERSION + 1, max: 999999 }) }),
  // A/B compare (issue 16): a broken `cmp` is named; the scenario is read as without it.
  fc.record({ kind: fc.constant('bad-cmp' as const), value: fc.constantFrom('zz:1', 'mode:bogus', '', 'cpus:-1', 'kv', 'mode', ',,', 'cr:2,cr:1', ...BAD_VALUES) }),
);

function applyBreak(h: string, b: typeof breakArb extends fc.Arbitrary<infer T> ? T : never): { hash: string; names: RegExp } {
  const q = new URLSearchParams(h);
  const d = decodeHash(h, opts);
  const set = (k: string, v: string) => {
    q.set(k, v);
    return q.toString();
  };
  switch (b.kind) {
    case 'unknown-key':
      return { hash: `${h}&zq${b.n}=1`, names: new RegExp(`^zq${b.n}: unknown key`) };
    case 'bad-scalar':
      return { hash: set(b.key, b.value), names: new RegExp(`^${b.key.replace('.', '\\.')}: `) };
    case 'truncate-blob': {
      // Since v4 Share writes short lists readable; a hash without a blob gets one to break.
      const w = q.get('w') ?? packBlob([{ key: 'sz', value: '3:7' }]);
      return { hash: set('w', w.slice(0, Math.max(1, Math.floor(w.length * b.frac)))), names: /^w: .*(truncated|garbled|empty)/ };
    }
    case 'bad-t':
      return { hash: set('t', String(resolve(d.scenario).durationNs + b.over)), names: /^t: .*after the end/ };
    case 'bad-fc':
      return { hash: set('fc', String(d.scenario.cpus + b.over)), names: /^fc: / };
    case 'bad-pn':
      return { hash: set('pn', `queues,${b.id}`), names: /^pn: unknown panel/ };
    case 'bad-p':
      return { hash: set('p', b.name), names: /^p: unknown preset/ };
    case 'bad-view':
      return { hash: set('view', b.value), names: /^view: / };
    case 'bad-embed':
      return { hash: set('embed', b.value), names: /^embed: / };
    case 'huge':
      return { hash: `${h}&x=${'a'.repeat(b.n)}`, names: /^the URL hash is \d+ characters long/ };
    case 'future-v':
      return { hash: set('v', String(b.v)), names: /^v: this link was made by a newer version/ };
    case 'bad-cmp':
      return { hash: set('cmp', b.value), names: /^cmp: / };
  }
}

describe('URL codec fuzz', () => {
  it('valid hashes broken on purpose: a message naming the broken part, the rest kept (4000)', () => {
    fc.assert(
      fc.property(validHashArb, breakArb, (h, b) => {
        const { hash, names } = applyBreak(h, b);
        const d = decodeChecked(hash);
        expect(d.errors.some((e) => names.test(e)), `${b.kind}: ${JSON.stringify(d.errors)} for ${hash.slice(0, 300)}`).toBe(true);
        // `cmp` changes nothing else: the scenario A reads as it does without the key.
        if (b.kind === 'bad-cmp') {
          const q = new URLSearchParams(hash);
          q.delete('cmp');
          expect(d.scenario).toEqual(decodeHash(q.toString(), opts).scenario);
        }
      }),
      { numRuns: 4000 },
    );
  }, 120_000);

  it('valid hashes with random character edits (4000)', () => {
    const edited = fc.tuple(validHashArb, fc.array(fc.tuple(fc.nat(), fc.string({ maxLength: 6, unit: 'binary' }), fc.nat(4)), { minLength: 1, maxLength: 4 })).map(([h, edits]) => {
      let s = h;
      for (const [pos, str, del] of edits) {
        const i = pos % (s.length + 1);
        s = s.slice(0, i) + str + s.slice(i + del);
      }
      return s;
    });
    fc.assert(
      fc.property(edited, (h) => checkClean(h, decodeChecked(h))),
      { numRuns: 4000 },
    );
  }, 120_000);

  it('junk: random text, binary, and key=value soup over the known keys (2000)', () => {
    const keys = [...KNOWN, '%', '__proto__', 'constructor', '<b>', 'w.sz'];
    const junk = fc.oneof(
      fc.string({ maxLength: 120 }),
      fc.string({ unit: 'binary', maxLength: 120 }),
      fc.array(fc.tuple(fc.constantFrom(...keys), fc.oneof(fc.string({ maxLength: 14 }), fc.constantFrom(...BAD_VALUES))), { maxLength: 8 }).map((kv) => kv.map(([k, v]) => `${k}=${v}`).join('&')),
    );
    fc.assert(
      fc.property(junk, (h) => checkClean(h, decodeChecked(h))),
      { numRuns: 2000 },
    );
    expect(decoded).toBeGreaterThanOrEqual(10_000);
  }, 120_000);
});
