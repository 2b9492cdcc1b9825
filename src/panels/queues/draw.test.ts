// The flush-queues panel draws its static layer (tracks, dials, labels, focus box) once and copies
// it under the dynamic one per frame: the two layers together must paint exactly what one full
// draw paints. Checked on a recording 2D context (no DOM in these tests).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presetScenario } from '../../sim/presets.ts';
import { runFixture } from '../testing/fixture.ts';
import { drawQueues, queuesStaticKey, type QueuesLayer } from './draw.ts';
import { queuesLayout } from './layout.ts';

/** Path ops are recorded into the path; paint calls log the path and the current style. */
class RecPath {
  ops: string[] = [];
  moveTo(...a: number[]) {
    this.ops.push(`M${a.map((x) => x.toFixed(3))}`);
  }
  lineTo(...a: number[]) {
    this.ops.push(`L${a.map((x) => x.toFixed(3))}`);
  }
  arc(...a: (number | boolean | undefined)[]) {
    this.ops.push(`A${a.map((x) => (typeof x === 'number' ? x.toFixed(3) : String(x)))}`);
  }
  closePath() {
    this.ops.push('Z');
  }
}

function recorder(log: string[]) {
  const path = new RecPath();
  const ctx = {
    fillStyle: '' as unknown,
    strokeStyle: '' as unknown,
    lineWidth: 1,
    lineCap: 'butt',
    font: '',
    textAlign: 'start',
    textBaseline: 'alphabetic',
    beginPath() {
      path.ops = [];
    },
    moveTo: path.moveTo.bind(path),
    lineTo: path.lineTo.bind(path),
    arc: path.arc.bind(path),
    closePath: path.closePath.bind(path),
    fill(p?: RecPath) {
      log.push(`fill ${String(ctx.fillStyle)} ${(p ?? path).ops.join(' ')}`);
    },
    stroke(p?: RecPath) {
      log.push(`stroke ${String(ctx.strokeStyle)} ${ctx.lineWidth} ${(p ?? path).ops.join(' ')}`);
    },
    fillRect(...a: number[]) {
      log.push(`fillRect ${String(ctx.fillStyle)} ${a.join(',')}`);
    },
    strokeRect(...a: number[]) {
      log.push(`strokeRect ${String(ctx.strokeStyle)} ${ctx.lineWidth} ${a.join(',')}`);
    },
    fillText(text: string, x: number, y: number) {
      log.push(`fillText ${ctx.font} ${String(ctx.fillStyle)} ${ctx.textAlign} ${ctx.textBaseline} ${text} ${x},${y}`);
    },
    scale() {},
    createPattern: () => ({ setTransform() {}, toString: () => 'pattern' }),
  };
  return ctx;
}

const g = globalThis as Record<string, unknown>;
const saved = { window: g.window, document: g.document, Path2D: g.Path2D, DOMMatrix: g.DOMMatrix };
beforeAll(() => {
  g.window = { devicePixelRatio: 1 };
  g.document = { createElement: () => ({ width: 0, height: 0, getContext: () => recorder([]) }) };
  g.Path2D = RecPath;
  g.DOMMatrix = class {
    scale() {
      return this;
    }
  };
});
afterAll(() => Object.assign(g, saved));

function paint(layer: QueuesLayer, cpus: number, focus: number): string[] {
  const s = { ...presetScenario('default'), cpus, durationMs: 4 };
  const fx = runFixture(s, 3e6, 1e6);
  const L = queuesLayout(1100, fx.view.nrings, fx.view.fqSize);
  const log: string[] = [];
  drawQueues(recorder(log) as unknown as CanvasRenderingContext2D, fx.view, L, focus, null, layer);
  return log;
}

describe('flush-queue layers', () => {
  for (const cpus of [16, 128]) {
    it(`static + dynamic paint what one full draw paints (${cpus} CPUs)`, () => {
      const all = paint('all', cpus, 3);
      const st = paint('static', cpus, 3);
      const dy = paint('dynamic', cpus, 3);
      expect(all.length).toBeGreaterThan(cpus);
      expect(st.length).toBeGreaterThan(0);
      expect(dy.length).toBeGreaterThan(0);
      expect([...st, ...dy].sort()).toEqual([...all].sort());
      // the static layer carries no entries: it does not depend on the moment
      expect(st.some((l) => l.startsWith('fill #c65200'))).toBe(false);
    }, 30_000); // draws many frames: explicit timeout for a busy machine
  }

  it('the static key changes with the focus and the layout, not with the moment', () => {
    const a = runFixture({ ...presetScenario('default'), cpus: 4, durationMs: 4 }, 2e6, 1e6).view;
    const b = runFixture({ ...presetScenario('default'), cpus: 4, durationMs: 4 }, 3e6, 1e6).view;
    const L = queuesLayout(1100, 4, a.fqSize);
    expect(queuesStaticKey(a, L, 1)).toEqual(queuesStaticKey(b, L, 1));
    expect(queuesStaticKey(a, L, 1)).not.toEqual(queuesStaticKey(a, L, 2));
    expect(queuesStaticKey(a, L, 1)).not.toEqual(queuesStaticKey(a, queuesLayout(900, 4, a.fqSize), 1));
  });
});
