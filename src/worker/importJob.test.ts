// The import worker's job in Node: chunks in, the paired trace out (the same as whole-text
// import), progress on the way, cancel between chunks, a bundle decoded, a non-trace refused with
// one message.

import { describe, expect, it } from 'vitest';
import { encodeBundle } from '../import/bundle.ts';
import { exampleScenario, exampleTrace } from '../import/fromModel.ts';
import { toImported } from '../import/imported.ts';
import { importText } from '../import/importer.ts';
import { replayScenario } from '../import/replayScenario.ts';
import type { ImportReply } from './importProtocol.ts';
import { importJob, type ImportSource } from './importJob.ts';

function source(name: string, text: string, chunk = 1000): ImportSource {
  const bytes = new TextEncoder().encode(text);
  return {
    name,
    size: bytes.length,
    async *chunks() {
      for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
    },
    text: async () => text,
  };
}

async function all(src: ImportSource, opts: { device?: string | null; cancelAfter?: number } = {}): Promise<ImportReply[]> {
  const out: ImportReply[] = [];
  let clock = 0;
  let chunks = 0;
  const cancelled = (): boolean => ++chunks > (opts.cancelAfter ?? Infinity);
  for await (const r of importJob(1, src, opts.device ?? null, cancelled, () => (clock += 50))) out.push(r);
  return out;
}

const TEXT = exampleTrace();

describe('importJob', () => {
  it('gives the whole-text import, with progress on the way', async () => {
    const rs = await all(source('ex.txt', TEXT));
    const done = rs.at(-1)!;
    if (done.type !== 'done') throw new Error(done.type);
    expect(done.trace).toEqual(toImported('ex.txt', null, importText(TEXT)));
    expect(done.scenario).toBeUndefined();
    const prog = rs.filter((r) => r.type === 'progress');
    expect(prog.length).toBeGreaterThan(3);
    expect(prog.every((p, i) => i === 0 || (p.type === 'progress' && p.bytes > (prog[i - 1] as { bytes: number }).bytes))).toBe(true);
  });

  it('stops between chunks when cancelled', async () => {
    expect((await all(source('ex.txt', TEXT), { cancelAfter: 3 })).at(-1)).toEqual({ type: 'cancelled', id: 1 });
  });

  it('decodes a bundle (by name or by its first character) with its scenario', async () => {
    const trace = toImported('ex.txt', null, importText(TEXT));
    const scenario = replayScenario(exampleScenario(), trace, false).scenario;
    const text = encodeBundle({ scenario, trace });
    for (const name of ['b.fqlab.json', 'b.txt']) {
      const done = (await all(source(name, text))).at(-1)!;
      if (done.type !== 'done') throw new Error(done.type);
      expect(done.scenario).toEqual(scenario);
      expect(done.trace).toEqual(trace);
    }
  });

  it('refuses a non-trace and an unknown device with one message', async () => {
    expect((await all(source('n.txt', 'hello\n'))).at(-1)).toEqual({
      type: 'failed',
      id: 1,
      message: '"n.txt" holds no iommu map/unmap or dma map/unmap events (1 lines, 1 not trace lines); record with: trace-cmd record -e iommu -e dma',
    });
    const dev = `    fio-1   [000] d..1.   10.000001: map: IOMMU: iova=0x00000000ffff0000 paddr=0x0000000200000000 size=4096 dev=nvme0\n`;
    expect((await all(source('d.txt', dev), { device: 'nvme1' })).at(-1)).toMatchObject({ type: 'failed', message: 'device "nvme1" has no map/unmap events in "d.txt"; its devices: nvme0' });
  });
});
