// The run's summary (src/sim/run.ts `Summary`; README, "Command line") as small captioned tables.
// Key values carry data-testid attributes for the e2e tests.

import type { ReactNode } from 'react';
import type { Summary } from '../sim/run.ts';
import { fmtInt, fmtMs, fmtPct, fmtUs } from './format.ts';

interface Row {
  label: ReactNode;
  value: string;
  unit?: string;
  testId?: string;
  note?: string;
}

function Table({ caption, rows }: { caption: string; rows: Row[] }) {
  return (
    <table className="summary">
      <caption>{caption}</caption>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            <th scope="row" title={r.note}>
              {r.label}
            </th>
            <td>
              <span className="num" data-testid={r.testId}>
                {r.value}
              </span>
              {r.unit ? <span className="unit"> {r.unit}</span> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const LOCK_LABELS: Record<string, string> = {
  iova_rbtree_lock: 'iova_rbtree_lock',
  iommu_cmdq: 'IOMMU cmd queue',
  depot_locks: 'depot locks',
  fq_ring_locks: 'FQ ring locks',
};

/** Time spent waiting for each lock, summed over CPUs, and its share of all CPU time. */
function LockTable({ summary: s }: { summary: Summary }) {
  const cpuNs = s.cpus * s.simulatedMs * 1e6;
  return (
    <table className="summary">
      <caption>Lock wait (summed over CPUs)</caption>
      <thead>
        <tr>
          <th scope="col">lock</th>
          <th scope="col">wait (µs)</th>
          <th scope="col">of CPU time</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(s.lockWaitNs).map(([name, ns]) => (
          <tr key={name}>
            <th scope="row">{LOCK_LABELS[name] ?? name}</th>
            <td>
              <span className="num" data-testid={`lock-wait-${name}`}>
                {fmtUs(ns)}
              </span>
            </td>
            <td>{cpuNs > 0 ? fmtPct(ns / cpuNs) : '–'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function SummaryTables({ summary: s }: { summary: Summary }) {

  return (
    <div className="summary-grid" data-testid="summary">
      <Table
        caption="Throughput"
        rows={[
          { label: 'IOPS', value: fmtInt(s.iops), testId: 'iops', note: 'completed I/Os per second of simulated time' },
          { label: 'I/Os completed', value: fmtInt(s.ios), testId: 'ios' },
          { label: 'Simulated time', value: fmtMs(s.simulatedMs), unit: 'ms', testId: 'sim-ms' },
          { label: 'Map latency p50 / p99', value: `${fmtUs(s.mapLatencyNs.p50)} / ${fmtUs(s.mapLatencyNs.p99)}`, unit: 'µs' },
          { label: 'Unmap latency p50 / p99', value: `${fmtUs(s.unmapLatencyNs.p50)} / ${fmtUs(s.unmapLatencyNs.p99)}`, unit: 'µs' },
          { label: 'Map failures', value: fmtInt(s.mapFailures), testId: 'map-failures' },
        ]}
      />
      <Table
        caption="Flush queue"
        rows={[
          { label: 'Flushes: ring full', value: fmtInt(s.flushes.full), testId: 'flush-full', note: 'flush_iotlb_all from queue_iova on a full ring' },
          { label: 'Flushes: timeout', value: fmtInt(s.flushes.timeout), testId: 'flush-timeout', note: 'flush_iotlb_all from fq_flush_timeout' },
          { label: 'Entries freed by owner', value: fmtInt(s.freesByOwner), testId: 'frees-owner' },
          { label: 'Entries freed by timer', value: fmtInt(s.freesByTimer), testId: 'frees-timer' },
          { label: '… queued after its flush began', value: fmtInt(s.freesByTimerAfterFlush), testId: 'frees-timer-after' },
          { label: 'FQ timeouts run', value: fmtInt(s.timeouts.count), testId: 'fq-timeouts' },
          { label: 'Longest FQ timeout', value: fmtUs(s.timeouts.maxNs), unit: 'µs', testId: 'fq-timeout-max' },
          { label: 'Ring overruns', value: fmtInt(s.fqOverruns), testId: 'fq-overruns' },
        ]}
      />
      <Table
        caption="IOTLB and IOVA allocator"
        rows={[
          {
            label: 'Longest stale IOTLB window',
            value: fmtUs(s.staleIotlbMaxNs),
            unit: 'µs',
            testId: 'stale-max',
            note: 'longest time a translation stayed usable after its unmap',
          },
          { label: 'Most stale translations at once', value: fmtInt(s.staleIotlbMax), testId: 'stale-count' },
          { label: 'Magazines freed to the rbtree', value: fmtInt(s.magsToRbtree), testId: 'mags-rbtree' },
          { label: 'Largest rbtree (nodes)', value: fmtInt(s.rbtreeNodesMax), testId: 'rbtree-max' },
        ]}
      />
      <LockTable summary={s} />
      <Table
        caption="Flush counters"
        rows={[
          { label: <code>fq_flush_finish_cnt</code>, value: fmtInt(s.counterReads.finish), unit: 'reads', testId: 'counter-reads-finish' },
          { label: <code>fq_flush_start_cnt</code>, value: fmtInt(s.counterReads.start), unit: 'reads', testId: 'counter-reads-start' },
          {
            label: 'Finish reads saved by reuse',
            value: fmtInt(s.counterReads.finishSaved),
            testId: 'counter-saved',
            note: "reads avoided by reusing atomic64_inc_return's value",
          },
          { label: 'Remote cache-line reads', value: fmtInt(s.counterReads.remote), testId: 'counter-remote' },
        ]}
      />
      <Table
        caption="Trace"
        rows={[
          { label: 'IOMMU trace events', value: fmtInt(s.events), testId: 'events', note: 'map, unmap, flush and free events the trace hash covers; the playback bar counts engine steps' },
          { label: 'Trace hash', value: s.traceHash, testId: 'trace-hash', note: 'hash of the full event sequence; equal in Node and the browser' },
          { label: 'Scenario', value: `${s.mode}, kernel ${s.kernel}, ${s.cpus} CPUs, seed ${s.seed}${s.counterReuse ? ', counter reuse' : ''}`, testId: 'summary-scenario' },
        ]}
      />
    </div>
  );
}
