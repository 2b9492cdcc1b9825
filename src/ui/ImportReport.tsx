// The report of the imported trace being replayed (issue 17): lines used per event kind, skipped
// per reason, rejected with line number and reason; how maps and unmaps paired (unmatched unmaps,
// maps still live at the end); the device picker (all devices or one); the trace's IOVAs beside
// the model's; the .fqlab.json download (Share for a trace: a URL cannot hold one).

import { useState } from 'react';
import { ioCount, type ImportedTrace } from '../import/imported.ts';
import { usedCount } from '../import/report.ts';
import { closeImport } from '../store/importActions.ts';
import { downloadBundle } from './bundleDownload.ts';
import { fmtInt } from './format.ts';
import { useImports } from './importContext.ts';
import { useLab, useLabStore } from './labContext.ts';

const LISTED = 20;
const hex = (v: number): string => `0x${v.toString(16)}`;
const sum = (o: Record<string, number>): number => Object.values(o).reduce((a, b) => a + b, 0);

function Counts({ title, rows }: { title: string; rows: [string, number][] }) {
  if (rows.length === 0) return null;
  return (
    <table className="import-table">
      <caption>{title}</caption>
      <tbody>
        {rows.map(([k, n]) => (
          <tr key={k}>
            <td className="num">{fmtInt(n)}</td>
            <td>{k}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Devices({ t }: { t: ImportedTrace }) {
  const ctl = useImports();
  const names = Object.keys(t.report.devices);
  if (names.length < 2 && t.device === null) return null;
  return (
    <label className="import-device">
      Device{' '}
      <select data-testid="import-device" value={t.device ?? ''} onChange={(e) => ctl.chooseDevice(e.target.value === '' ? null : e.target.value)}>
        <option value="">all devices</option>
        {names.map((d) => (
          <option key={d} value={d}>
            {d} ({fmtInt(t.report.devices[d])} events)
          </option>
        ))}
      </select>
    </label>
  );
}

function Iovas({ t }: { t: ImportedTrace }) {
  const model = useLab((s) => s.replayIovas);
  const n = Math.min(t.iova.length, model?.length ?? 16);
  return (
    <table className="import-table" data-testid="import-iovas">
      <caption>The first I/Os: the trace's IOVA and the model's (the model allocates its own IOVAs; the trace's are not reused)</caption>
      <thead>
        <tr>
          <th scope="col">line</th>
          <th scope="col">bytes</th>
          <th scope="col">trace IOVA</th>
          <th scope="col">model IOVA</th>
        </tr>
      </thead>
      <tbody>
        {Array.from({ length: n }, (_, i) => (
          <tr key={i}>
            <td className="num">{t.line[i]}</td>
            <td className="num">{fmtInt(t.replay.bytes[i])}</td>
            <td>{hex(t.iova[i])}</td>
            <td>{model ? (model[i] > 0 ? `→ ${hex(model[i])}` : 'not mapped in the run') : 'after the run is simulated'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ImportReport() {
  const store = useLabStore();
  const t = useLab((s) => s.imported);
  const [open, setOpen] = useState(true);
  if (!t) return null;
  const r = t.report;
  const p = t.pairing;
  return (
    <section className="import-report" aria-labelledby="import-h" data-testid="import-report">
      <h2 id="import-h">
        Replaying {t.name}
        {t.device !== null ? ` (device ${t.device})` : ''}
      </h2>
      <p data-testid="import-summary">
        {fmtInt(r.lines)} lines: {fmtInt(usedCount(r))} used, {fmtInt(sum(r.skipped))} skipped, {fmtInt(r.rejectedCount)} rejected. {fmtInt(ioCount(t))} I/Os on{' '}
        {t.cpus} CPUs over {(t.durationNs / 1e6).toFixed(3)} ms; {fmtInt(p.paired)} unmaps paired with their maps. Each runs through the model with the
        scenario's mode, kernel version, FQ size, timeout, counter reuse and costs, which stay adjustable; its latency is the trace's (unmap time − map time).
      </p>
      {(p.unmatchedUnmaps > 0 || p.liveAtEnd > 0 || p.replaced > 0) && (
        <ul className="import-notes" data-testid="import-pairing">
          {p.unmatchedUnmaps > 0 && <li>{fmtInt(p.unmatchedUnmaps)} unmaps match no map seen (mapped before the trace began, or lost); lines {p.unmatchedLines.join(', ')}{p.unmatchedUnmaps > p.unmatchedLines.length ? ', …' : ''}</li>}
          {p.liveAtEnd > 0 && <li>{fmtInt(p.liveAtEnd)} maps still live at the end (never unmapped in the replay); lines {p.liveLines.join(', ')}{p.liveAtEnd > p.liveLines.length ? ', …' : ''}</li>}
          {p.replaced > 0 && <li>{fmtInt(p.replaced)} maps were mapped again at the same IOVA before an unmap was seen; counted as never unmapped</li>}
        </ul>
      )}
      <div className="import-buttons">
        <Devices t={t} />
        <button type="button" onClick={() => downloadBundle(store.getState())} data-testid="import-download">
          Download .fqlab.json
        </button>
        <button type="button" onClick={() => closeImport(store)}>
          Stop replaying (the scenario's own workload)
        </button>
        <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Hide details' : 'Show details'}
        </button>
      </div>
      {open && (
        <div className="import-details">
          <Counts title="Used, per event kind" rows={Object.entries(r.used).sort()} />
          <Counts title="Skipped, per reason" rows={Object.entries(r.skipped).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))} />
          {r.rejectedCount > 0 && (
            <table className="import-table" data-testid="import-rejected">
              <caption>Rejected lines ({fmtInt(r.rejectedCount)})</caption>
              <tbody>
                {r.rejected.slice(0, LISTED).map((x) => (
                  <tr key={x.line}>
                    <td className="num">line {x.line}</td>
                    <td>{x.reason}</td>
                  </tr>
                ))}
                {r.rejectedCount > LISTED && (
                  <tr>
                    <td colSpan={2}>… and {fmtInt(r.rejectedCount - LISTED)} more</td>
                  </tr>
                )}
              </tbody>
            </table>
          )}
          <Iovas t={t} />
        </div>
      )}
    </section>
  );
}
