// Issue 14 "every file the lab reads": 10,000 trace files made by mutating the hand-written
// samples (byte edits, line edits) under a fixed seed. For each: no throw (import, pairing,
// report); every line is accounted for (used + skipped + rejected = lines); every rejected line is
// named with its number and a reason; and every line left exactly as a used sample line is still
// used (a bad line costs only itself).

import { describe, expect, it } from 'vitest';
import { Rng } from '../sim/rng.ts';
import { importText } from './importer.ts';
import { buildReplay } from './replay.ts';
import { formatReport, usedCount } from './report.ts';
import { FTRACE_IOMMU, FTRACE_IOMMU_OLD, TRACECMD_DMA } from './samples.ts';

const SAMPLES = [FTRACE_IOMMU, FTRACE_IOMMU_OLD, TRACECMD_DMA].map((t) => t.split('\n').slice(0, -1));
/** Characters a byte edit may put in: digits, hex, separators, CR, NUL, high UTF-8, a BOM. */
const JUNK = '0123456789abcdefxX-=:[](){}, .\t\r\u0000\u00ff\u00e9\u2028\ufeff\ud83d\ude00Zz|';

function mutate(lines: string[], rng: Rng): string[] {
  const out = [...lines];
  const edits = 1 + rng.int(4);
  for (let k = 0; k < edits && out.length > 0; k++) {
    const i = rng.int(out.length);
    const l = out[i];
    const p = rng.int(l.length + 1);
    const ch = JUNK[rng.int(JUNK.length)];
    switch (rng.int(9)) {
      case 0: out[i] = l.slice(0, p) + ch + l.slice(p + 1); break; // replace a character
      case 1: out[i] = l.slice(0, p) + ch + l.slice(p); break; // insert
      case 2: out[i] = l.slice(0, p) + l.slice(p + 1); break; // delete
      case 3: out[i] = l.slice(0, p); break; // truncate
      case 4: out.splice(i, 0, l); break; // duplicate the line
      case 5: out.splice(i, 1); break; // delete the line
      case 6: if (i + 1 < out.length) [out[i], out[i + 1]] = [out[i + 1], out[i]]; break; // swap
      case 7: if (i + 1 < out.length) out.splice(i, 2, l + out[i + 1]); break; // join
      case 8: out.splice(i, 1, l.slice(0, p), l.slice(p)); break; // split
    }
  }
  return out;
}

describe('trace import fuzz', () => {
  it('10,000 mutated trace files: never a throw, every line accounted for, every rejection named, intact lines used', { timeout: 120_000 }, () => {
    const rng = new Rng(20261204);
    // The used lines of each unmutated sample: a mutated file keeps using them.
    const usedText = SAMPLES.map((lines) => new Set(importText(lines.join('\n')).ops.map((o) => lines[o.line - 1])));
    let rejected = 0;
    let used = 0;
    for (let f = 0; f < 10000; f++) {
      const which = rng.int(SAMPLES.length);
      const lines = mutate(SAMPLES[which], rng);
      const text = lines.join(rng.int(4) === 0 ? '\r\n' : '\n');
      const { report, ops } = importText(text);
      const { workload, pairing } = buildReplay(ops);
      formatReport(report, pairing, workload);
      const skipped = Object.values(report.skipped).reduce((a, b) => a + b, 0);
      // As a file: a final newline ends the last line, it does not start an empty one.
      const parts = text.split('\n');
      if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
      const n = parts.length;
      expect(report.lines).toBe(n);
      expect(usedCount(report) + skipped + report.rejectedCount, `file ${f}`).toBe(n);
      expect(report.rejected).toHaveLength(report.rejectedCount);
      for (const r of report.rejected) {
        expect(r.line >= 1 && r.line <= n && r.reason.length > 0, `file ${f}: ${JSON.stringify(r)}`).toBe(true);
      }
      const usedLines = new Set(ops.map((o) => o.line));
      parts.forEach((l, i) => {
        if (usedText[which].has(l.replace(/\r$/, ''))) expect(usedLines.has(i + 1), `file ${f} line ${i + 1}: ${l}`).toBe(true);
      });
      expect(workload.ios.length).toBe(pairing.paired + pairing.liveAtEnd + pairing.replaced);
      rejected += report.rejectedCount;
      used += ops.length;
    }
    // The mutations do reach the parser's refusals, and most lines survive.
    expect(rejected).toBeGreaterThan(8000); // 9176 under this seed
    expect(used).toBeGreaterThan(40000); // 42699
  });
});
