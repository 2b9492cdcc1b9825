// The two machines as plain data for drawing and explaining them (src/ui/statechart/): every state
// with its kernel description, every transition with its event, guard and actions. Read from the
// machine definitions themselves, so the drawing cannot drift from what the actors run.

import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { cpuFlushQueue } from './cpuFlushQueue.ts';
import { flushTimer } from './flushTimer.ts';

export type MachineName = 'cpuFlushQueue' | 'flushTimer';

export const MACHINES: Record<MachineName, AnyStateMachine> = { cpuFlushQueue, flushTimer };

export interface ChartState {
  /** Dotted path from the root, e.g. '__iommu_dma_unmap.queue_iova.spin_lock'. */
  id: string;
  /** The state's own name (the last path element). */
  key: string;
  /** Path of the parent state, or '' for a top-level state. */
  parent: string;
  depth: number;
  description: string;
  /** Child ids in definition order (empty for a leaf). */
  children: string[];
  /** A decision point the CPU passes through within one step (left by an unconditional eventless transition). */
  transient: boolean;
  /** The engine phase a CPU parked here is in (phases.ts name), if any. */
  phase: string | null;
}

export interface ChartTransition {
  source: string;
  /** Target ids; empty for a targetless transition (actions only, the state stays). */
  targets: string[];
  /** Event name, or '' for an eventless ("always") transition. */
  event: string;
  guard: string | null;
  actions: string[];
}

export interface MachineGraph {
  name: string;
  initial: string;
  states: ChartState[];
  transitions: ChartTransition[];
}

const nameOf = (x: unknown): string => (typeof x === 'string' ? x : typeof x === 'function' ? x.name || 'inline' : String((x as { type?: string }).type ?? 'inline'));

function pathOf(n: AnyStateNode): string {
  return n.path.join('.');
}

/** One of the two kernel machines' states (pre-order) and transitions. */
export function machineGraph(name: MachineName): MachineGraph {
  return graphOf(name, MACHINES[name]);
}

/**
 * Any machine's states (pre-order) and transitions, without the `*` error handler and `attach`;
 * the page's playback machine (src/worker/playback.ts) is drawn with it too.
 */
export function graphOf(name: string, m: AnyStateMachine): MachineGraph {
  const states: ChartState[] = [];
  const transitions: ChartTransition[] = [];
  const visit = (n: AnyStateNode) => {
    const children = Object.values(n.states) as AnyStateNode[];
    if (n.path.length > 0) {
      const always = n.always ?? [];
      states.push({
        id: pathOf(n),
        key: n.key,
        parent: n.path.slice(0, -1).join('.'),
        depth: n.path.length - 1,
        description: n.description ?? '',
        children: children.map(pathOf),
        transient: always.length > 0 && always[always.length - 1].guard === undefined,
        phase: n.tags[0] ?? null,
      });
    }
    const add = (event: string, defs: readonly { target?: readonly AnyStateNode[]; guard?: unknown; actions: readonly unknown[] }[]) => {
      for (const d of defs) {
        transitions.push({
          source: pathOf(n),
          targets: (d.target ?? []).map(pathOf),
          event,
          guard: d.guard === undefined ? null : nameOf(d.guard),
          actions: d.actions.map(nameOf),
        });
      }
    };
    for (const [event, defs] of n.transitions) if (event !== '*' && event !== 'attach') add(event, defs);
    if (n.always) add('', n.always);
    children.forEach(visit);
  };
  visit(m.root);
  return { name, initial: pathOf(m.root.initial.target[0]), states, transitions };
}

/** A state value (XState's nested object) as the id of its deepest active state. */
export function activeStateId(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object') return '';
  const [k, sub] = Object.entries(value as Record<string, unknown>)[0] ?? [];
  if (k === undefined) return '';
  const rest = activeStateId(sub);
  return rest ? `${k}.${rest}` : k;
}
