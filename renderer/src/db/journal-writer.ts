import { GENESIS_HASH, type JournalEvent } from '../../../core/journal';
import type { KassaDatabase } from './database';

/** Where this terminal's chain continues: the last event's seq and hash. */
export interface ChainHead {
  seq: number;
  hash: string;
}

export interface JournalWriterOptions {
  db: KassaDatabase;
  /**
   * Asked only while the local journal is empty (first start, or a reinstall that wiped
   * IndexedDB): the server's last folded seq for this terminal, so seq continues gap-free
   * instead of restarting at 1. Resolves undefined when the server cannot be reached.
   */
  resumePoint: () => Promise<ChainHead | undefined>;
}

export interface JournalWriter {
  /**
   * Builds the next event (a sale, an enrolment, any journal event type) with the chain head (seq + 1, prevHash) and writes it in ONE RxDB
   * insert; resolves when the write is durable (see database.ts on strict durability).
   */
  append<E extends JournalEvent>(build: (head: ChainHead) => E): Promise<E>;
  head(): Promise<ChainHead>;
}

const EMPTY_CHAIN: ChainHead = { seq: 0, hash: GENESIS_HASH };

export function createJournalWriter({ db, resumePoint }: JournalWriterOptions): JournalWriter {
  // Appends run one at a time, so two quick sales can never take the same seq.
  let queue: Promise<unknown> = Promise.resolve();

  async function head(): Promise<ChainHead> {
    const last = await db.journal.findOne({ selector: {}, sort: [{ seq: 'desc' }] }).exec();
    if (last) return { seq: last.seq, hash: last.hash };
    // Empty journal. Offline on the first start after a reinstall, the server cannot say where
    // the chain stood: we start at seq 1 rather than keep a customer waiting, and the server
    // reports the overlap (seq already seen, chain break) to a manager as an exception.
    return (await resumePoint().catch(() => undefined)) ?? EMPTY_CHAIN;
  }

  function append<E extends JournalEvent>(build: (head: ChainHead) => E): Promise<E> {
    const run = queue.then(async () => {
      const event = build(await head());
      await db.journal.insert(event);
      return event;
    });
    queue = run.catch(() => undefined);
    return run;
  }

  return { append, head };
}
