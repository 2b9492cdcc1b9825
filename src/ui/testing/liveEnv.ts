// A fake browser for the playback driver: a fake Worker runs LiveRunner + LiveSession in-process
// and delivers replies asynchronously, a fake rAF ticks frames. Used by the driver tests
// (playbackDriver.test.ts, compareDriver.test.ts). Not a test file; not used by production code.

import type { LiveCommand, LiveReply } from '../../worker/liveProtocol.ts';
import { LiveRunner } from '../../worker/liveRunner.ts';
import { LiveSession } from '../../worker/liveSession.ts';
import type { DriverEnv, WorkerLike } from '../playbackDriver.ts';

export function fakeEnv(): DriverEnv & { workers: () => number } {
  let ts = 0;
  let workers = 0;
  return {
    workers: () => workers,
    createWorker(): WorkerLike {
      workers++;
      let killed = false;
      let onMessage: ((e: { data: LiveReply }) => void) | null = null;
      const w: WorkerLike = {
        addEventListener(type: string, fn: (e: never) => void) {
          if (type === 'message') onMessage = fn as (e: { data: LiveReply }) => void;
        },
        postMessage(cmd: LiveCommand) {
          const c = structuredClone(cmd);
          setTimeout(() => killed || runner.receive(c), 0);
        },
        terminate() {
          killed = true;
        },
      };
      let clock = 0;
      const runner = new LiveRunner(
        new LiveSession({ clock: () => (clock += 0.01), interval: 2048 }),
        (r: LiveReply) => {
          const copy = structuredClone(r);
          setTimeout(() => killed || onMessage?.({ data: copy }), 0);
        },
        () => new Promise((r) => setTimeout(r, 0)),
        () => (clock += 0.01),
      );
      return w;
    },
    raf: (cb) => setTimeout(() => cb((ts += 16)), 1) as unknown as number,
    cancelRaf: (id) => clearTimeout(id),
  };
}
