import type { LinkChange } from './flap-proxy';

/** A till's queue at a moment: its last local seq and the seq the server acknowledged. */
export interface QueueSample {
  at: number;
  local: number;
  ack: number;
}

/** A span in which a till had sales waiting and an up link, and no acknowledgement came. */
export interface Stall {
  from: number;
  ms: number;
  /** What ended it: an acknowledgement, the link going down, or the end of the measurement. */
  endedBy: 'ack' | 'down' | 'end';
}

/**
 * The spans in which a till's queue could have moved and did not: the clock runs while the link
 * is up and sales are waiting (local > ack). It starts when both become true, restarts at every
 * acknowledgement, and stops when the link goes down. A healthy replication keeps each span
 * within its retry back-off plus one request; a till that stopped retrying shows one span per
 * up-window, as long as the window.
 */
export function stallsOf(link: readonly LinkChange[], queue: readonly QueueSample[], endAt: number): Stall[] {
  const events = [
    ...link.map((c) => ({ at: c.at, link: c.up })),
    ...queue.map((q) => ({ at: q.at, queue: q })),
  ].sort((a, b) => a.at - b.at);
  const stalls: Stall[] = [];
  let up = false;
  let local = 0;
  let ack = 0;
  let from: number | undefined;
  const running = () => up && local > ack;
  for (const e of events) {
    const was = running();
    const ackBefore = ack;
    if ('link' in e) up = e.link!;
    else ({ local, ack } = e.queue!);
    const acked = ack > ackBefore;
    if (was && (acked || !running())) {
      stalls.push({ from: from!, ms: e.at - from!, endedBy: acked ? 'ack' : 'down' });
      from = running() ? e.at : undefined;
    } else if (!was && running()) from = e.at;
  }
  if (running()) stalls.push({ from: from!, ms: endAt - from!, endedBy: 'end' });
  return stalls;
}
