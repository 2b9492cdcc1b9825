// The `cmp` codec (issue 16): round trips, messages naming `cmp` with the rest of the link kept,
// scenario B's derivation, and the Compare buttons' flips.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { presetScenario } from '../sim/presets.ts';
import { DEFAULT_SCENARIO, cloneScenario } from '../sim/scenario.ts';
import { decodeHash, encodeHash } from './codec.ts';
import { decodeCmp, encodeCmp, flipCmp, nextRuleVersion, scenarioB, type CmpPart } from './compare.ts';
import { anyScenarioArb, cmpArb } from './testing/arbitraries.ts';
import { PANEL_IDS } from './view.ts';

const opts = { panelIds: PANEL_IDS };

describe('cmp codec', () => {
  it('reads key:value parts, and key=value as the issue writes it', () => {
    expect(decodeHash('v=3&cmp=mode:strict').cmp).toEqual([{ key: 'mode', value: 'strict' }]);
    expect(decodeHash('v=3&cmp=cr%3D1').cmp).toEqual([{ key: 'cr', value: '1' }]);
    expect(decodeHash('v=3&cmp=cr:1,kv:6.7').cmp).toEqual([
      { key: 'cr', value: '1' },
      { key: 'kv', value: '6.7' },
    ]);
  });

  it('writes the canonical form, readable in a mail, and reads it back', () => {
    const diff: CmpPart[] = [
      { key: 'mode', value: 'strict' },
      { key: 'cpus', value: '32' },
    ];
    const h = encodeHash(DEFAULT_SCENARIO, 'default', { cmp: diff, t: 5 }, opts);
    expect(h).toBe('v=4&cmp=mode:strict,cpus:32&t=5');
    expect(decodeHash(h, opts).cmp).toEqual(diff);
    // Values are canonical: "cpus:016" is cpus 16, written back as "16".
    expect(decodeHash('v=3&cmp=cpus:016').cmp).toEqual([{ key: 'cpus', value: '16' }]);
    // A value with '+' survives the form-encoding reading of '+' as a space.
    const big: CmpPart[] = [{ key: 'c.invRangeNs', value: '1e+21' }];
    expect(encodeCmp(big)).toBe('c.invRangeNs:1e%2B21');
  });

  it('round trips any valid difference list over any valid scenario (300)', () => {
    fc.assert(
      fc.property(
        anyScenarioArb.chain((s) => fc.tuple(fc.constant(s), cmpArb(s))),
        ([s, diff]) => {
          const h = encodeHash(s, 'default', { cmp: diff }, opts);
          const d = decodeHash(h, opts);
          expect(d.errors).toEqual([]);
          expect(d.cmp).toEqual(diff);
          expect(encodeHash(d.scenario, d.preset, d, opts)).toBe(h);
        },
      ),
      { numRuns: 300, seed: 16 },
    );
  }, 60_000);

  it('a link without cmp means what it meant: no compare, the same scenario and view', () => {
    const h = 'v=4&p=timeout-flood&mode=strict&fc=1&t=2000';
    const d = decodeHash(h, opts);
    expect(d.cmp).toBeUndefined();
    expect(Object.keys(d)).not.toContain('cmp');
    expect(encodeHash(d.scenario, d.preset, d, opts)).toBe(h);
  });

  it('bad values: a message naming cmp and the part; the rest of the link kept', () => {
    const base = decodeHash('v=3&mode=strict&cpus=8&t=1000', opts);
    const cases: [string, RegExp, CmpPart[] | undefined][] = [
      ['zz:1', /^cmp: unknown key "zz"/, undefined],
      ['mode:bogus,cr:1', /^cmp: mode:"bogus" rejected: mode: "bogus" is not allowed/, [{ key: 'cr', value: '1' }]],
      ['cpus:-4', /^cmp: cpus:"-4" rejected/, undefined],
      ['mode', /^cmp: "mode" is not key:value/, undefined],
      ['', /^cmp: "" names no difference/, undefined],
      ['cr:1,cr:0', /^cmp: cr given twice; the first is used/, [{ key: 'cr', value: '1' }]],
      ['q:single,kv:5.4', /^cmp: B \(A with q single, kv 5\.4\) is not a valid scenario: queue/, undefined],
      [Array.from({ length: 17 }, (_, i) => `seed:${i}`).join(','), /^cmp: 17 differences; expected at most 16/, undefined],
    ];
    for (const [cmp, msg, diff] of cases) {
      const d = decodeHash(`v=3&mode=strict&cpus=8&cmp=${encodeURIComponent(cmp)}&t=1000`, opts);
      expect(d.errors.some((e) => msg.test(e)), `${cmp}: ${JSON.stringify(d.errors)}`).toBe(true);
      expect(d.errors.every((e) => e.startsWith('cmp: ')), JSON.stringify(d.errors)).toBe(true);
      expect(d.cmp).toEqual(diff);
      expect([d.scenario, d.t]).toEqual([base.scenario, base.t]);
    }
  });
});

describe('scenario B', () => {
  it('is A with the differences, validated whole', () => {
    const a = presetScenario('cliff');
    const b = scenarioB(a, [
      { key: 'mode', value: 'strict' },
      { key: 'cr', value: '1' },
    ]);
    expect(b.error).toBeNull();
    expect(b.scenario).toEqual({ ...a, mode: 'strict', counterReuse: true });
    // A itself is untouched.
    expect(a).toEqual(presetScenario('cliff'));
  });

  it('follows A: the same differences over another A', () => {
    const a = cloneScenario(DEFAULT_SCENARIO);
    a.cpus = 4;
    const b = scenarioB(a, [{ key: 'mode', value: 'strict' }]).scenario!;
    expect([b.cpus, b.mode]).toEqual([4, 'strict']);
  });

  it('names a B the page cannot run (memory), and a B that breaks a rule across fields', () => {
    const diff = [
      { key: 'cpus', value: '512' },
      { key: 'fq', value: '65536' },
    ];
    // A link with such a B is read (the page refuses to run it, as it refuses such an A).
    expect(scenarioB(DEFAULT_SCENARIO, diff).error).toBeNull();
    const huge = scenarioB(DEFAULT_SCENARIO, diff, { memory: true });
    expect(huge.scenario).toBeNull();
    expect(huge.error).toMatch(/^B \(A with cpus 512, fq 65536\): /);
    const single = { ...cloneScenario(DEFAULT_SCENARIO), kernel: '6.7', queue: 'single' as const };
    expect(scenarioB(single, [{ key: 'kv', value: '6.6' }]).error).toMatch(/not a valid scenario: queue/);
  });
});

/** The kernel a Compare button gives B, from A on this kernel. */
const at = (kernel: string) => nextRuleVersion({ ...cloneScenario(DEFAULT_SCENARIO), kernel });

describe('Compare buttons: B = this field flipped', () => {
  it('mode strict ↔ lazy, passthrough compares with lazy', () => {
    const a = cloneScenario(DEFAULT_SCENARIO);
    expect(flipCmp({ ...a, mode: 'lazy' }, 'mode')).toEqual([{ key: 'mode', value: 'strict' }]);
    expect(flipCmp({ ...a, mode: 'strict' }, 'mode')).toEqual([{ key: 'mode', value: 'lazy' }]);
    expect(flipCmp({ ...a, mode: 'passthrough' }, 'mode')).toEqual([{ key: 'mode', value: 'lazy' }]);
  });

  it('counter reuse 0 ↔ 1', () => {
    expect(flipCmp({ ...DEFAULT_SCENARIO, counterReuse: false }, 'cr')).toEqual([{ key: 'cr', value: '1' }]);
    expect(flipCmp({ ...DEFAULT_SCENARIO, counterReuse: true }, 'cr')).toEqual([{ key: 'cr', value: '0' }]);
  });

  it('kernel: the next version that changes a rule; from the newest rules, the nearest older that differs', () => {
    expect(at('5.4')).toBe('5.11'); // 5.10 has 5.4's rules
    expect(at('5.13')).toBe('5.15');
    expect(at('5.15')).toBe('5.17'); // 5.17 is mainline without 5.15.y's backports
    expect(at('6.1')).toBe('6.5');
    expect(at('6.6')).toBe('6.7');
    expect(at('6.7')).toBe('6.6'); // 6.12 = 6.7's rules
    expect(at('6.12')).toBe('6.6');
    // A single queue exists only from 6.7: no older version gives a valid B.
    expect(flipCmp({ ...cloneScenario(DEFAULT_SCENARIO), kernel: '6.12', queue: 'single' }, 'kv')).toBeNull();
  });

  it('a flipped B decodes back from its link', () => {
    const a = presetScenario('cliff');
    for (const f of ['mode', 'cr', 'kv'] as const) {
      const diff = flipCmp(a, f)!;
      expect(decodeCmp(encodeCmp(diff), a)).toEqual({ diff, errors: [] });
    }
  });
});
