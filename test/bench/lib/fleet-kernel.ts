import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';

/*
 * The kernel's TCP counters (Linux /proc/net/netstat and /proc/net/snmp), read before and after a
 * run: a connection the accept queue could not take (ListenOverflows/ListenDrops) or a SYN sent
 * again (TCPSynRetrans) never reaches the server's own timings, but the client waits 1 s, 3 s,
 * 7 s, 15 s for it. They count the whole machine (other work on it included).
 */

const WANTED = [
  'ListenOverflows',
  'ListenDrops',
  'TCPSynRetrans',
  'TCPTimeouts',
  'RetransSegs',
  'PassiveOpens',
];

function parse(file: string): Record<string, number> {
  const out: Record<string, number> = {};
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return out;
  }
  const lines = text.trim().split('\n');
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const names = (lines[i] as string).split(/\s+/).slice(1);
    const values = (lines[i + 1] as string).split(/\s+/).slice(1);
    names.forEach((n, j) => (out[n] = Number(values[j])));
  }
  return out;
}

export type TcpCounters = Record<string, number>;

export function tcpCounters(): TcpCounters {
  const all = { ...parse('/proc/net/snmp'), ...parse('/proc/net/netstat') };
  return Object.fromEntries(WANTED.map((k) => [k, all[k] ?? Number.NaN]));
}

/** "ListenOverflows 0, TCPSynRetrans 3, …" for the counters that moved between two readings. */
export function tcpDelta(before: TcpCounters, after: TcpCounters): Record<string, number> {
  return Object.fromEntries(WANTED.map((k) => [k, (after[k] ?? 0) - (before[k] ?? 0)]));
}

/**
 * Samples the server's established sockets (`ss`) while a phase runs: how many hold request bytes
 * the kernel received but the server process has not read yet (Recv-Q > 0). Requests waiting
 * there are invisible to the server's own timings.
 */
export function sampleUnread(
  port: number,
  everyMs = 250,
): () => Promise<{ maxSockets: number; maxBytes: number; maxOpen: number; samples: number }> {
  let maxOpen = 0;
  let maxSockets = 0;
  let maxBytes = 0;
  let samples = 0;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const once = () =>
    new Promise<void>((done) => {
      execFile('ss', ['-tnH', 'state', 'established', `( sport = :${port} )`], (err, out) => {
        if (!err) {
          let sockets = 0;
          let bytes = 0;
          const lines = out.trim().split('\n').filter(Boolean);
          maxOpen = Math.max(maxOpen, lines.length);
          for (const line of lines) {
            const recvQ = Number(line.trim().split(/\s+/)[0]);
            if (recvQ > 0) {
              sockets++;
              bytes += recvQ;
            }
          }
          samples++;
          maxSockets = Math.max(maxSockets, sockets);
          maxBytes = Math.max(maxBytes, bytes);
        }
        done();
      });
    });
  const timer = setInterval(() => {
    if (!stopped) running = running.then(once);
  }, everyMs);
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
    return { maxSockets, maxBytes, maxOpen, samples };
  };
}
