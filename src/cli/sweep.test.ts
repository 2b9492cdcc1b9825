// --sweep, --seeds and --shard parsing, the cross product's order, sharding as a partition, and the
// points decoded as links (points.ts): good text parsed, every bad form one message naming the flag.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { presetScenario } from '../sim/presets.ts';
import { decodeHash } from '../url/codec.ts';
import { buildPoints } from './points.ts';
import { crossProduct, inShard, parseSeeds, parseShard, parseSweep } from './sweep.ts';

const base = { list: false, help: false };

describe('parseSweep', () => {
  it('keys and value lists, in the order given; blob keys separate values with |', () => {
    expect(parseSweep('cpus=16,32,64;mode=lazy,strict')).toEqual({
      dims: [
        { key: 'cpus', values: ['16', '32', '64'] },
        { key: 'mode', values: ['lazy', 'strict'] },
      ],
      errors: [],
    });
    expect(parseSweep('sz=1:1,2:1|4:1;c.invRangeNs=100').dims).toEqual([
      { key: 'sz', values: ['1:1,2:1', '4:1'] },
      { key: 'c.invRangeNs', values: ['100'] },
    ]);
    expect(parseSweep('p=tiny-lazy,default').dims).toEqual([{ key: 'p', values: ['tiny-lazy', 'default'] }]);
  });

  it('every bad form is one message starting with --sweep and naming the part or key', () => {
    const cases: [string, RegExp][] = [
      ['', /^--sweep: empty part/],
      ['cpus=1;;mode=lazy', /^--sweep: empty part \(part 2\)/],
      ['cpus', /^--sweep: "cpus" has no '='/],
      ['=1,2', /^--sweep: "=1,2" has no key/],
      ['cpu=1,2', /^--sweep: "cpu": unknown key/],
      ['cpus=', /^--sweep: cpus: no values/],
      ['cpus=1,,2', /^--sweep: cpus: an empty value in "1,,2"/],
      ['cpus=1,2;cpus=4', /^--sweep: cpus: given more than once$/],
      ['cpus=2,2', /^--sweep: cpus: value "2" given more than once$/],
      ['seed=1,2', /^--sweep: seed: sweep seeds with --seeds/],
      ['iv=x', /^--sweep: iv: interventions cannot be swept/],
      ['constructor=1', /^--sweep: "constructor": unknown key/],
    ];
    for (const [text, re] of cases) {
      const { errors } = parseSweep(text);
      expect(errors, text).toHaveLength(1);
      expect(errors[0], text).toMatch(re);
    }
  });
});

describe('parseSeeds', () => {
  it('ranges, lists and both', () => {
    expect(parseSeeds('1-10').seeds).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(parseSeeds('1,3,5').seeds).toEqual([1, 3, 5]);
    expect(parseSeeds('1-3,7').seeds).toEqual([1, 2, 3, 7]);
    expect(parseSeeds('0').seeds).toEqual([0]);
    expect(parseSeeds('4294967295').seeds).toEqual([4294967295]);
  });

  it('every bad form is one message naming --seeds', () => {
    const cases: [string, RegExp][] = [
      ['', /not a seed list/],
      ['a-b', /not a seed list/],
      ['1-', /not a seed list/],
      ['-3', /not a seed list/],
      ['1;2', /not a seed list/],
      [' 1', /not a seed list/],
      ['5-3', /runs backwards \(5-3\)/],
      ['4294967296', /outside \[0, 4294967295\]/],
      ['1-20000', /more than 10000 seeds/],
      ['1-3,2', /gives seed 2 more than once/],
    ];
    for (const [text, re] of cases) {
      const r = parseSeeds(text);
      expect(r.seeds, text).toEqual([]);
      expect(r.errors, text).toHaveLength(1);
      expect(r.errors[0], text).toMatch(/^--seeds: /);
      expect(r.errors[0], text).toMatch(re);
    }
  });
});

describe('parseShard and inShard', () => {
  it('I/N with 0 <= I < N', () => {
    expect(parseShard('0/1')).toEqual({ shard: { index: 0, count: 1 }, errors: [] });
    expect(parseShard('3/4')).toEqual({ shard: { index: 3, count: 4 }, errors: [] });
  });

  it('bad shards: one message naming --shard', () => {
    for (const [text, re] of [
      ['3/2', /I must be in \[0, 1\]/],
      ['2/2', /I must be in \[0, 1\]/],
      ['0/0', /N must be an integer/],
      ['1', /is not I\/N/],
      ['-1/2', /is not I\/N/],
      ['1/2/3', /is not I\/N/],
      ['a/b', /is not I\/N/],
    ] as const) {
      const r = parseShard(text);
      expect(r.shard, text).toBeUndefined();
      expect(r.errors, text).toHaveLength(1);
      expect(r.errors[0], text).toMatch(/^--shard: /);
      expect(r.errors[0], text).toMatch(re);
    }
  });

  it('the shards of any N partition the points: each point in exactly one, k mod N', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 40 }), (points, n) => {
        const owners = Array.from({ length: points }, (_, k) => Array.from({ length: n }, (_, i) => i).filter((i) => inShard(k, { index: i, count: n })));
        owners.forEach((o, k) => expect(o).toEqual([k % n]));
      }),
    );
    expect(inShard(7, undefined)).toBe(true);
  });
});

describe('crossProduct', () => {
  it('first key outermost, last key fastest', () => {
    expect(crossProduct([{ key: 'cpus', values: ['16', '32'] }, { key: 'mode', values: ['lazy', 'strict'] }])).toEqual([
      { cpus: '16', mode: 'lazy' },
      { cpus: '16', mode: 'strict' },
      { cpus: '32', mode: 'lazy' },
      { cpus: '32', mode: 'strict' },
    ]);
    expect(crossProduct([])).toEqual([{}]);
  });
});

describe('buildPoints', () => {
  it('each point is the base with its keys applied as a link would apply them; its hash decodes to it', () => {
    const { dims } = parseSweep('cpus=4,8;mode=lazy,strict;sz=1:1|1:1,4:1');
    const { points, errors } = buildPoints({ ...base, preset: 'tiny-lazy', durationMs: 3 }, dims, 1);
    expect(errors).toEqual([]);
    expect(points).toHaveLength(8);
    const p = points[7];
    expect(p.params).toEqual({ cpus: '8', mode: 'strict', sz: '1:1,4:1' });
    const want = { ...presetScenario('tiny-lazy'), durationMs: 3, cpus: 8, mode: 'strict' as const };
    want.workload = { ...want.workload, sizes: [{ pages: 1, weight: 1 }, { pages: 4, weight: 1 }] };
    expect(p.scenario).toEqual(want);
    const back = decodeHash(p.hash);
    expect(back.errors).toEqual([]);
    expect(back.scenario).toEqual(p.scenario);
    expect(points.map((q) => q.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('an older --scenario is migrated once, then the swept keys are read as version-3 keys', () => {
    const { dims } = parseSweep('mode=strict');
    const { points, errors } = buildPoints({ ...base, scenario: '#v=2&p=cliff&era=A' }, dims, 1);
    expect(errors).toEqual([]);
    expect(points[0].scenario).toEqual({ ...decodeHash('v=2&p=cliff&era=A').scenario, mode: 'strict' });
  });

  it('a bad value is named once (not once per point), a rule across keys names the point', () => {
    const { dims } = parseSweep('cpus=4,abc;mode=lazy,turbo');
    const r = buildPoints({ ...base, preset: 'tiny-lazy' }, dims, 1);
    expect(r.points).toEqual([]);
    expect(r.errors.filter((e) => e.startsWith('--sweep: cpus: "abc"'))).toHaveLength(1);
    expect(r.errors.filter((e) => e.startsWith('--sweep: mode: "turbo"'))).toHaveLength(1);
    expect(r.errors).toHaveLength(2);
    const cross = buildPoints({ ...base, preset: 'tiny-lazy' }, parseSweep('cpus=1,64;lc=2').dims, 1);
    expect(cross.errors.length).toBeGreaterThan(0);
    for (const e of cross.errors) expect(e).toMatch(/^--sweep: (point 0 \(cpus=1 lc=2\)|cpus|lc)/);
  });

  it('a rule broken at many points: at most 20 lines, the last a count', () => {
    const cpus = Array.from({ length: 26 }, (_, i) => i + 1).join(',');
    const r = buildPoints({ ...base, preset: 'cliff' }, parseSweep(`cpus=${cpus}`).dims, 1);
    expect(r.errors).toHaveLength(20);
    expect(r.errors[0]).toMatch(/^--sweep: point 0 \(cpus=1\): interventions\[0\]\.cpus: /);
    expect(r.errors[19]).toBe('--sweep: …and 7 more, not listed');
  });

  it('refusals across flags: p with --preset, dur with --duration-ms, too many runs', () => {
    expect(buildPoints({ ...base, preset: 'tiny-lazy' }, parseSweep('p=cliff').dims, 1).errors).toEqual(['--sweep: p: sweeps presets, so give neither --preset nor --scenario']);
    expect(buildPoints({ ...base, durationMs: 4 }, parseSweep('dur=1,2').dims, 1).errors).toEqual(['--sweep: dur: swept, so give no --duration-ms']);
    const big = parseSweep(`cpus=${Array.from({ length: 400 }, (_, i) => i + 1).join(',')}`).dims;
    expect(buildPoints(base, big, 1000).errors).toEqual(['--sweep: 400 points × 1000 seeds is more than 100000 runs; split it']);
  });

  it('p sweeps presets, keeping --seed and --duration-ms', () => {
    const { points, errors } = buildPoints({ ...base, seed: 5, durationMs: 2 }, parseSweep('p=tiny-lazy,cliff').dims, 1);
    expect(errors).toEqual([]);
    expect(points.map((p) => p.scenario)).toEqual([
      { ...presetScenario('tiny-lazy'), seed: 5, durationMs: 2 },
      { ...presetScenario('cliff'), seed: 5, durationMs: 2 },
    ]);
  });
});
