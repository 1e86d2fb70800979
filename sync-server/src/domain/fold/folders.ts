import type { JournalEvent } from '../../../../core/journal/sale-event';
import type { StorageTx } from '../../storage/port';
import { foldSale } from './fold-sale';

type Folder<E extends JournalEvent> = (tx: StorageTx, event: E, serverSeq: number) => Promise<void>;

/**
 * One folder per event type. The loyalty work adds ledger rows and account updates here (a sale
 * folder that also writes ledger entries, an `enrolment` folder, …); the mapped type makes the
 * compiler ask for a folder whenever core/journal's union gains a type.
 */
const folders: { [T in JournalEvent['type']]: Folder<Extract<JournalEvent, { type: T }>> } = {
  sale: foldSale,
};

export function foldEvent(tx: StorageTx, event: JournalEvent, serverSeq: number): Promise<void> {
  const folder = folders[event.type] as Folder<JournalEvent>;
  return folder(tx, event, serverSeq);
}
