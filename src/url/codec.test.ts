// Scenario + view <-> URL hash (README, "Sharing and URLs"): round trips for every preset and
// random valid scenarios and views, specific messages for invalid parts (valid parts kept), URL
// lengths. Fuzzing lives in codec.fuzz.test.ts, versions in migrations.test.ts.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PRESET, presetScenario, PRESETS } from '../sim/presets.ts';
import { DEFAULT_SCENARIO, type Scenario } from '../sim/scenario.ts';
import { scenarioArb } from '../sim/testing/scenarios.ts';
import { validateScenario } from '../sim/validate.ts';
import { PANEL_IDS } from './view.ts';
import { packBlob } from './blob.ts';
import { anyScenarioArb, presetNameArb, viewArb } from './testing/arbitraries.ts';
import { decodeHash, encodeHash, MAX_MESSAGES, READABLE_MAX, URL_VERSION } from './codec.ts';

const opts = { panelIds: PANEL_IDS };
/** A plausible published address of the lab, for honest URL lengths. */
const ORIGIN = 'https://example-user.github.io/iommu-flush-queue-lab/';

describe('URL codec: round trips', () => {
  it('every preset, relative to itself and to the default', () => {
    for (const p of PRESETS) {
      const s = presetScenario(p.name);
      const own = encodeHash(s, p.name);
      expect(own).toBe(p.name === DEFAULT_PRESET ? `v=${URL_VERSION}` : `v=${URL_VERSION}&p=${p.name}`);
      const d = decodeHash(own);
      expect(d.errors).toEqual([]);
      expect(d.preset).toBe(p.name);
      expect(d.scenario).toEqual(s);
      const rel = decodeHash(`#${encodeHash(s)}`);
      expect(rel.errors).toEqual([]);
      expect(rel.scenario).toEqual(s);
    }
  });

  it('writes only values that differ from the base preset, with the fixed short keys', () => {
    expect(encodeHash(DEFAULT_SCENARIO)).toBe(`v=${URL_VERSION}`);
    const s = structuredClone(DEFAULT_SCENARIO);
    Object.assign(s, { mode: 'strict', kernel: '6.7', queue: 'single', counterReuse: true, cpus: 4, seed: 77 });
    const h = encodeHash(s, DEFAULT_PRESET, { t: 123456 });
    expect(Object.fromEntries(new URLSearchParams(h))).toEqual({ v: '4', mode: 'strict', kv: '6.7', q: 'single', cr: '1', cpus: '4', seed: '77', t: '123456' });
    const d = decodeHash(h);
    expect(d.scenario).toEqual(s);
    expect(d.t).toBe(123456);
  });

  it('the view: t, fc, pn and view only when they differ from the defaults', () => {
    const s = presetScenario('default');
    expect(encodeHash(s, 'default', { t: 0, focusCpu: 0, panels: [...PANEL_IDS], page: 'lab' }, opts)).toBe('v=4&t=0');
    const h = encodeHash(s, 'default', { t: 5_000_000, focusCpu: 3, panels: ['iotlb', 'queues'], page: 'gallery' }, opts);
    expect(h).toBe('v=4&fc=3&pn=queues,iotlb&view=gallery&t=5000000');
    const d = decodeHash(h, opts);
    expect(d.errors).toEqual([]);
    expect([d.t, d.focusCpu, d.panels, d.page]).toEqual([5_000_000, 3, ['queues', 'iotlb'], 'gallery']);
    expect(decodeHash(encodeHash(s, 'default', { panels: [] }, opts), opts).panels).toEqual([]);
    // A focus or moment the scenario no longer has is not written (it would not decode).
    expect(encodeHash({ ...s, cpus: 2 }, 'default', { focusCpu: 5, t: 200_000_000 }, opts)).toBe('v=4&cpus=2');
  });

  it('embed=1 (issue 16): written only when on, read back; a bad value is named and shows the full page', () => {
    const s = presetScenario('default');
    expect(encodeHash(s, 'default', { embed: false }, opts)).toBe('v=4');
    const h = encodeHash(s, 'default', { panels: ['throughput'], embed: true, t: 1000 }, opts);
    expect(h).toBe('v=4&pn=throughput&embed=1&t=1000');
    const d = decodeHash(h, opts);
    expect([d.errors, d.embed, d.panels]).toEqual([[], true, ['throughput']]);
    expect(decodeHash('v=3&embed=0', opts)).toMatchObject({ errors: [], embed: false });
    expect(decodeHash('v=3', opts).embed).toBe(false);
    const bad = decodeHash('v=3&cpus=4&embed=yes', opts);
    expect([bad.embed, bad.scenario.cpus, bad.errors]).toEqual([false, 4, ['embed: "yes" is not 0 or 1; showing the full page']]);
  });

  it('a custom workload rides readable (sz=, lat=, iv=) as a mailing list reads it, and comes back exactly', () => {
    const s = presetScenario('pause-unmaps');
    s.workload.sizes = [{ pages: 1, weight: 3 }, { pages: 16, weight: 0.25 }];
    s.workload.latency = { dist: 'uniform', meanUs: 120, spreadUs: 60 };
    s.interventions.push({ kind: 'mode', atMs: 100, mode: 'strict' });
    const h = encodeHash(s, 'pause-unmaps');
    expect(h).toBe('v=4&p=pause-unmaps&sz=1:3,16:0.25&lat=uni:120:60&iv=pause@50+30:1-15;mode@100:strict');
    const d = decodeHash(h);
    expect(d.errors).toEqual([]);
    expect(d.scenario).toEqual(s);
    // A '+' read as a space by form decoding still reads.
    expect(decodeHash(h.replace('+', ' ')).scenario).toEqual(s);
  });

  it('a workload too long to read rides in one blob w (the hash stays within READABLE_MAX) and comes back exactly', () => {
    const s = presetScenario('pause-unmaps');
    s.workload.sizes = Array.from({ length: 16 }, (_, i) => ({ pages: i + 1, weight: 1 + i / 7 }));
    s.interventions = Array.from({ length: 64 }, (_, i) => ({ kind: 'pause' as const, atMs: 1 + i, forMs: 0.5 + i / 3, cpus: [i % 16, (i * 7) % 16] }));
    const h = encodeHash(s, 'pause-unmaps');
    expect([...new URLSearchParams(h).keys()]).toEqual(['v', 'p', 'w']);
    expect(h).toMatch(/&w=[A-Za-z0-9_~-]+$/);
    expect(h.length).toBeLessThanOrEqual(READABLE_MAX);
    const d = decodeHash(h);
    expect(d.errors).toEqual([]);
    expect(d.scenario).toEqual(s);
  });

  it('readable lists and the blob mix: keys apply in order, a later one winning', () => {
    const blob = packBlob([{ key: 'sz', value: '1:1,2:1,4:1' }]);
    expect(decodeHash(`v=4&w=${blob}&sz=2:1`).scenario.workload.sizes).toEqual([{ pages: 2, weight: 1 }]);
    expect(decodeHash(`v=4&sz=2:1&w=${blob}`).scenario.workload.sizes).toHaveLength(3);
  });

  it('random valid scenarios and views, relative to random presets', () => {
    const arb = fc.tuple(anyScenarioArb, presetNameArb).chain(([s, p]) => fc.tuple(fc.constant(s), fc.constant(p), viewArb(s)));
    fc.assert(
      fc.property(arb, ([s, preset, view]) => {
        const h = encodeHash(s, preset, view, opts);
        const d = decodeHash(h, opts);
        expect(d.errors).toEqual([]);
        expect(d.scenario).toEqual(s);
        expect(d.preset).toBe(preset);
        expect(d.t).toBe(view.t);
        expect(d.focusCpu ?? 0).toBe(view.focusCpu ?? 0);
        expect(d.panels ?? [...PANEL_IDS]).toEqual(view.panels ?? [...PANEL_IDS]);
        expect(d.page).toBe(view.page ?? 'lab');
        // Canonical: encoding the decoded state gives the same text.
        expect(encodeHash(d.scenario, d.preset, d, opts)).toBe(h);
      }),
      { numRuns: 400 },
    );
  }, 60_000); // 400 encode/decode round trips with validation: seconds on a loaded machine

  it('the engine tests\' small random scenarios (scenarioArb, with mode switches and migrations)', () => {
    fc.assert(
      fc.property(scenarioArb({ modeSwitches: true, migrations: true }), presetNameArb, (s, preset) => {
        const d = decodeHash(encodeHash(s, preset));
        expect(d.errors).toEqual([]);
        expect(d.scenario).toEqual(s);
      }),
      { numRuns: 150 },
    );
  });

  it('the order of keys does not matter', () => {
    const a = decodeHash('v=2&era=C&q=single&cpus=2&cc=1&cp=fixed&fc=1');
    const b = decodeHash('v=2&fc=1&cp=fixed&cc=1&q=single&cpus=2&era=C');
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    expect(b.scenario).toEqual(a.scenario);
    expect(b.focusCpu).toBe(1);
    expect([a.scenario.queue, a.scenario.workload.completionCpu]).toEqual(['single', 1]);
  });
});

describe('URL codec: rejected parts', () => {
  it('a bad value: one message naming its key; the other keys kept; the result is a valid scenario', () => {
    const cases: [string, RegExp][] = [
      ['mode=turbo', /^mode: /],
      ['era=D', /^era: /],
      ['cpus=0', /^cpus: /],
      ['cpus=abc', /^cpus: /],
      ['seed=-1', /^seed: /],
      ['seed=1.5', /^seed: /],
      ['cr=2', /^cr: /],
      ['fq=100', /^fq: /],
      ['qd=0', /^qd: /],
      ['c.flushAllNs=-5', /^c\.flushAllNs: /],
      ['t=-3', /^t: .*not a time/],
      ['t=1.5', /^t: /],
      ['t=999999999999', /^t: .*after the end of the run/],
      ['fc=3', /^fc: .*expected 0 to 2/],
      ['fc=x', /^fc: /],
      ['pn=queues,bogus', /^pn: unknown panel "bogus"/],
      ['view=editor', /^view: /],
      ['w=AAAA', /^w: .*truncated or damaged/],
      ['w=<b>x</b>', /^w: .*characters a blob never has/],
      ['sz=1:1', /^sz: not read at the top level before URL version 4/],
      ['age=1:2:3', /^age: not read at the top level before URL version 4/],
      ['zzz=1', /^zzz: unknown key/],
      ['p=nope', /^p: unknown preset "nope"/],
    ];
    for (const [part, re] of cases) {
      const d = decodeHash(`v=2&cpus=3&${part}&seed=42`, opts);
      expect({ part, errors: d.errors }).toEqual({ part, errors: [expect.stringMatching(re)] });
      expect(validateScenario(d.scenario).errors).toEqual([]);
      if (!part.startsWith('cpus')) expect(d.scenario.cpus).toBe(3);
      if (!part.startsWith('seed')) expect(d.scenario.seed).toBe(42);
    }
    // In v4 the lists read at the top level; a bad one is named by its key, the rest kept.
    const v4 = decodeHash('v=4&cpus=3&sz=1:0&lat=fix:50:0&iv=explode@3');
    expect(v4.errors).toEqual([expect.stringMatching(/^sz: "1:0" rejected/), expect.stringMatching(/^iv: "explode@3" rejected/)]);
    expect([v4.scenario.cpus, v4.scenario.workload.latency]).toEqual([3, { dist: 'fixed', meanUs: 50, spreadUs: 0 }]);
    // A rejected pn id keeps the valid ones.
    expect(decodeHash('v=2&pn=queues,bogus,iotlb', opts).panels).toEqual(['queues', 'iotlb']);
  });

  it('bad values inside the blob are named w.KEY; the blob\'s valid keys are kept', () => {
    const s = structuredClone(DEFAULT_SCENARIO);
    s.workload.latency = { dist: 'fixed', meanUs: 50, spreadUs: 0 };
    const good = packBlob([{ key: 'lat', value: 'fix:50:0' }]);
    // Build a blob with a valid latency and an invalid size mix through the v1 migration's packer.
    const d = decodeHash(`sz=1:0&lat=fix:50:0&iv=explode@3`);
    expect(d.errors).toEqual([expect.stringMatching(/^sz: "1:0" rejected: workload\.sizes\[0\]\.weight/), expect.stringMatching(/^iv: "explode@3" rejected/)]);
    expect(d.scenario.workload.latency).toEqual(s.workload.latency);
    expect(decodeHash(`v=2&w=${good}`).scenario.workload.latency).toEqual(s.workload.latency);
  });

  it('single queue before kernel 6.7 is reported (cross-field rule) and not applied', () => {
    const d = decodeHash('v=2&era=B&q=single');
    expect(d.errors).toEqual([expect.stringMatching(/^queue: .*kv=6\.7 or later\); kernel is 6\.5$/)]);
    expect(decodeHash('v=3&kv=6.6&q=single').errors).toEqual([expect.stringMatching(/^queue: .*kernel is 6\.6$/)]);
    expect(decodeHash('v=3&kv=6.7&q=single').errors).toEqual([]);
    expect(d.scenario.queue).toBe('percpu');
  });

  it('an over-long hash is cut with a message saying so, not rejected', () => {
    const d = decodeHash(`v=2&seed=5&x=${'a'.repeat(5000)}`);
    expect(d.errors[0]).toMatch(/5013 characters long; only the first 4000 are read/);
    expect(d.scenario.seed).toBe(5);
  });

  it('many bad parts: at most MAX_MESSAGES lines, the last one counting the rest', () => {
    const d = decodeHash(Array.from({ length: 50 }, (_, i) => `k${i}=1`).join('&'));
    expect(d.errors).toHaveLength(MAX_MESSAGES);
    expect(d.errors[0]).toBe('k0: unknown key, ignored');
    expect(d.errors.at(-1)).toBe(`…and ${50 - MAX_MESSAGES + 1} more rejected parts, not listed`);
  });

  it('keys named like Object.prototype members are unknown keys and reach no prototype', () => {
    const d = decodeHash('v=2&constructor=2&toString=3&__proto__=1&seed=8');
    expect(d.errors).toEqual([expect.stringMatching(/^constructor: unknown key/), expect.stringMatching(/^toString: unknown key/), expect.stringMatching(/^__proto__: unknown key/)]);
    expect(d.scenario.seed).toBe(8);
    expect(Object.getPrototypeOf(d.scenario)).toBe(Object.prototype);
  });

  it('HTML and script in keys and values come back as plain text in the messages, clipped', () => {
    const payload = '<img src=x onerror="alert(1)">';
    const d = decodeHash(`v=2&p=${encodeURIComponent(payload)}&${encodeURIComponent('<script>x</script>')}=1&mode=${encodeURIComponent(payload)}`);
    expect(d.errors).toEqual([`p: unknown preset "${payload}"; using "default"`, '<script>x</script>: unknown key, ignored', expect.stringContaining(`mode: "${payload}" rejected`)]);
    expect(decodeHash(`v=2&p=${'x'.repeat(100)}`).errors[0]).toBe(`p: unknown preset "${'x'.repeat(40)}…"; using "default"`);
  });
});

describe('URL codec: numeric edge cases', () => {
  it('round-trips intervention times and lengths at µs resolution, and tiny times in exponent form', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 600_000_000 }), fc.integer({ min: 1, max: 600_000_000 }), (atUs, lenUs) => {
        const s: Scenario = structuredClone(DEFAULT_SCENARIO);
        s.interventions = [
          { kind: 'pause', atMs: atUs / 1000, forMs: lenUs / 1000, cpus: [1, 2, 3, 4, 9] },
          { kind: 'mode', atMs: atUs / 1000, mode: 'strict' },
          { kind: 'migrate', atMs: atUs / 1000, from: 1, to: 2 },
        ];
        const d = decodeHash(encodeHash(s));
        expect(d.errors).toEqual([]);
        expect(d.scenario).toEqual(s);
      }),
      { numRuns: 200 },
    );
    const s: Scenario = structuredClone(DEFAULT_SCENARIO);
    s.interventions = [{ kind: 'mode', atMs: 1e-7, mode: 'strict' }];
    expect(decodeHash(encodeHash(s)).scenario).toEqual(s);
  });
});

describe('URL lengths', () => {
  it('every preset\'s URL, with a moment, a focus and some panels, is under 300 characters', () => {
    const lens = PRESETS.map((p) => {
      const s = presetScenario(p.name);
      const view = { t: Math.round(s.durationMs * 1e6) - 1, focusCpu: s.cpus - 1, panels: ['queues', 'timeline', 'throughput'] };
      const own = ORIGIN + '#' + encodeHash(s, p.name, view, opts);
      const fromDefault = ORIGIN + '#' + encodeHash(s, DEFAULT_PRESET, view, opts);
      return { name: p.name, own: own.length, fromDefault: fromDefault.length };
    });
    console.info(`preset URL lengths: ${lens.map((l) => `${l.name} ${l.own} (spelled out: ${l.fromDefault})`).join(', ')}`);
    expect(Math.max(...lens.map((l) => l.own))).toBeLessThan(300);
    expect(Math.max(...lens.map((l) => l.fromDefault))).toBeLessThan(300);
  });

  it('a URL with a heavy custom workload is under 2000 characters', () => {
    const s = presetScenario('default');
    Object.assign(s, { cpus: 64, mode: 'lazy', kernel: '6.7', counterReuse: true, seed: 4242, durationMs: 250 });
    s.workload.qd = 16;
    s.workload.completion = 'random';
    // 12 sizes with fractional weights, a non-default latency, and 16 interventions of all kinds.
    s.workload.sizes = [1, 2, 3, 4, 8, 16, 17, 32, 33, 64, 128, 256].map((pages, i) => ({ pages, weight: Math.round((1 / (i + 1)) * 1000) / 1000 }));
    s.workload.latency = { dist: 'uniform', meanUs: 95.5, spreadUs: 40.25 };
    s.interventions = [];
    for (let k = 0; k < 6; k++) s.interventions.push({ kind: 'pause', atMs: 20 + k * 30, forMs: 12.5, cpus: Array.from({ length: 32 }, (_, i) => (k % 2) * 32 + i) });
    for (let k = 0; k < 5; k++) s.interventions.push({ kind: 'mode', atMs: 15 + k * 45.125, mode: k % 2 ? 'lazy' : 'strict' });
    for (let k = 0; k < 5; k++) s.interventions.push({ kind: 'migrate', atMs: 33.3 + k * 40, from: k * 7, to: 63 - k * 5 });
    expect(validateScenario(s).errors).toEqual([]);
    const url = ORIGIN + '#' + encodeHash(s, DEFAULT_PRESET, { t: 187_654_321, focusCpu: 17, panels: ['queues', 'timeline'] }, opts);
    const d = decodeHash(url.split('#')[1], opts);
    expect(d.errors).toEqual([]);
    expect(d.scenario).toEqual(s);
    console.info(`custom-workload URL: ${url.length} characters`);
    expect(url.length).toBeLessThan(2000);
  });
});
