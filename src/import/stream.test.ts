// The import worker's chunked parsing (stream.ts) gives exactly what whole-text parsing gives, for
// every byte boundary of a sample (including inside a multi-byte UTF-8 character and between CR
// and LF), and for random cuttings of random mixes of the samples (property test).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importText } from './importer.ts';
import { FTRACE_IOMMU, FTRACE_IOMMU_OLD, TRACECMD_DMA } from './samples.ts';
import { StreamImport } from './stream.ts';

const enc = new TextEncoder();

function streamed(bytes: Uint8Array, cuts: readonly number[], device?: string) {
  const s = new StreamImport({ device });
  let from = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    s.push(bytes.subarray(from, c));
    from = c;
  }
  s.push(bytes.subarray(from));
  return s.finish();
}

// A sample with CRLF lines, a BOM, a UTF-8 comm (é, a 4-byte emoji) and no final newline.
const SAMPLE = `\ufeff${FTRACE_IOMMU_OLD.replace(/\n/g, '\r\n')}${TRACECMD_DMA}   caf\u00e9-\ud83d\ude00-12 [001] d..1  100.000200: map: IOMMU: iova=0x00000000fffaa000 paddr=0x0000000200020000 size=4096`;

describe('StreamImport', () => {
  it('gives the whole-text result for every single cut of a sample', () => {
    const bytes = enc.encode(SAMPLE);
    const whole = importText(SAMPLE);
    expect(whole.report.used['iommu:map']).toBeUndefined(); // the dma events win (importer.finish)
    expect(whole.ops.length).toBeGreaterThan(5);
    for (let c = 0; c <= bytes.length; c++) expect(streamed(bytes, [c])).toEqual(whole);
  }, 60_000);

  it('gives the whole-text result for random cuttings of random mixes (property)', () => {
    const pieces = [FTRACE_IOMMU, FTRACE_IOMMU_OLD, TRACECMD_DMA, '\r\n', '\n', 'junk \u00e9\n', 'caf\u00e9'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 6 }), fc.array(fc.nat(), { maxLength: 12 }), (parts, raw) => {
        const text = parts.join('');
        const bytes = enc.encode(text);
        const cuts = raw.map((r) => r % (bytes.length + 1));
        expect(streamed(bytes, cuts)).toEqual(importText(text));
      }),
      { seed: 17, numRuns: 300 },
    );
  }, 60_000);

  it('an empty file is one blank line, as in whole-text parsing', () => {
    expect(streamed(new Uint8Array(0), [])).toEqual(importText(''));
    expect(streamed(enc.encode('\n'), [])).toEqual(importText('\n'));
  });
});
