// Module Web Worker for the lab's playback (issue 5): it owns the engine, its checkpoints and the
// span recorder (liveSession.ts) and answers the page's commands (liveProtocol.ts). Long work is cut
// into slices (liveRunner.ts) so `cancel` is heard and the page never waits on a frozen worker.

import type { LiveCommand, LiveReply } from './liveProtocol.ts';
import { viewTransfer } from './liveProtocol.ts';
import { LiveRunner } from './liveRunner.ts';
import { LiveSession } from './liveSession.ts';

const clock = (): number => performance.now();

function post(r: LiveReply): void {
  // A worker posts to its creator; there is no target origin (the rule is for window.postMessage).
  // oxlint-disable-next-line unicorn/require-post-message-target-origin
  if (r.type === 'view') self.postMessage(r, { transfer: viewTransfer(r.view, r.spans) });
  // oxlint-disable-next-line unicorn/require-post-message-target-origin
  else self.postMessage(r);
}

// A macrotask without setTimeout's clamping: lets queued messages (cancel, newer commands) run.
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.addEventListener('message', () => waiting.shift()?.());
channel.port1.start();
function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(0);
  });
}

const runner = new LiveRunner(new LiveSession({ clock }), post, yieldToEvents, clock);
self.addEventListener('message', (e: MessageEvent<LiveCommand>) => runner.receive(e.data));
