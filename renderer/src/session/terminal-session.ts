import type { TerminalConfig } from '../../../core/bridge/kassa-host';
import { GENESIS_HASH } from '../../../core/journal';
import { claimKeyFromTerminalToken } from '../../../core/loyalty/claim-token';
import type { StoreSettings } from '../../../core/store/store-settings';
import { createKassaDatabase, databaseNameFor, type KassaDatabase } from '../db/database';
import { createJournalWriter, type JournalWriter } from '../db/journal-writer';
import { createCatalogueIndex, type CatalogueIndex } from '../db/catalogue-index';
import { startReplication, type ReplicationHandle } from '../sync/replication';
import { fetchTerminalInfo, type SyncEndpoint } from '../sync/sync-api';
import { lookupMemberOnline, type MemberLookup } from '../features/members/member-lookup';
import { lookupSaleOnline, type SaleLookup } from '../features/returns/sale-lookup';
import { lookupGiftCardOnline, type GiftCardLookup } from '../features/spend/gift-card-balance';
import { createSyncStatusStore, type SyncStatusStore } from '../sync/sync-status';
import { createTerminalKeys, keepTerminalKeysFresh, type TerminalKeysStore } from './terminal-keys';
import type { StoreSyncStatus } from '../../../core/backoffice/api';
import { fetchStoreStatus } from '../features/manager-mode/store-status-api';
import { cardRangeStoreFor, type CardRangeStore } from './card-range';
import { codeRangeStoreFor, type CodeRangeStore } from './code-range';

/** Everything a paired till runs on, opened once before React renders (no double-open in StrictMode). */
export interface TerminalSession {
  terminalId: string;
  store: StoreSettings;
  db: KassaDatabase;
  catalogue: CatalogueIndex;
  journal: JournalWriter;
  status: SyncStatusStore;
  replication: ReplicationHandle;
  /** Signs the claim codes of this till's receipts, offline: derived from its token (claim-token.ts). */
  claimKey: Uint8Array;
  /** This till's card number blocks and the next number to issue (card-range.ts). */
  cardRanges: CardRangeStore;
  /**
   * The keys this till verifies member-app codes with, offline too, and `keys.codeKeys(formatId)`
   * for coupons and gift cards (terminal-keys.ts).
   */
  keys: TerminalKeysStore;
  /** This till's serial blocks for the coupons and vouchers it issues, and the next serial (code-range.ts). */
  codeRange: CodeRangeStore;
  /** A card (or, `by: 'id'`, a member id) not in the replica, asked of the server (~1.5 s at most). */
  lookupMember(card: string, by?: 'card' | 'id'): Promise<MemberLookup>;
  /** A sale of this store not in this till's journal (another till's), asked of the server for a return. */
  lookupSale(saleId: string): Promise<SaleLookup>;
  /** A gift card's balance as the server has folded it (the gift-card tender, online). */
  lookupGiftCard(code: string): Promise<GiftCardLookup>;
  /** This store's sync status as HQ sees it, for manager mode (throws SyncHttpError when offline). */
  fetchStoreStatus?(): Promise<StoreSyncStatus>;
  close(): Promise<void>;
}

type Paired = NonNullable<TerminalConfig['paired']>;

export async function openTerminalSession(
  config: TerminalConfig & { paired: Paired },
  /** Called while another window runs this terminal's till; the session opens once it closes. */
  whileOpenElsewhere?: () => void,
): Promise<TerminalSession> {
  const { terminalId, token, store } = config.paired;
  const endpoint: SyncEndpoint = { serverUrl: config.serverUrl, token };
  const ackKey = `kassa.ackSeq.${terminalId}`;
  const status = createSyncStatusStore({
    loadAck: () => Number(localStorage.getItem(ackKey) ?? 0) || 0,
    saveAck: (seq) => localStorage.setItem(ackKey, String(seq)),
  });
  const db = await createKassaDatabase(databaseNameFor(terminalId), 'strict', undefined, whileOpenElsewhere);

  // The server's resume point, asked once now (it also tells us the server is there).
  const info = fetchTerminalInfo(endpoint).then(
    (i) => {
      status.acknowledge(i.lastSeq);
      status.reportOnline(Date.now());
      return i;
    },
    () => {
      status.reportOffline();
      return undefined;
    },
  );
  const journal = createJournalWriter({
    db,
    resumePoint: async () => {
      const i = (await info) ?? (await fetchTerminalInfo(endpoint).catch(() => undefined));
      if (!i || i.lastSeq === 0) return undefined;
      // Without lastHash from the server the seq still continues; the chain link is then reported
      // by the server as a break, which is what a wiped till is.
      return { seq: i.lastSeq, hash: i.lastHash ?? GENESIS_HASH };
    },
  });

  const lastSeqSub = db.journal
    .findOne({ selector: {}, sort: [{ seq: 'desc' }] })
    .$.subscribe((last) => status.setLocalSeq(last?.seq ?? 0));
  const catalogue = createCatalogueIndex(db.products);
  const replication = startReplication({ db, endpoint, terminalId, status });
  const keys = createTerminalKeys({ terminalId, endpoint });
  const stopKeys = keepTerminalKeysFresh(keys, status, info);
  const cardRanges = cardRangeStoreFor(terminalId, endpoint, async (seq) =>
    (await db.journal.find({ selector: { seq: { $gt: seq } } }).exec()).map((d) => d.toJSON()),
  );
  void info.then((i) => i && cardRanges.refresh());
  const codeRange = codeRangeStoreFor(terminalId, endpoint, async (seq) =>
    (await db.journal.find({ selector: { seq: { $gt: seq } } }).exec()).map((d) => d.toJSON()),
  );
  void info.then((i) => i && codeRange.refresh());

  return {
    terminalId,
    store,
    db,
    catalogue,
    journal,
    status,
    replication,
    claimKey: claimKeyFromTerminalToken(token),
    cardRanges,
    keys,
    codeRange,
    lookupMember: (card, by) => lookupMemberOnline(endpoint, card, by ? { by } : {}),
    lookupSale: (saleId) => lookupSaleOnline(endpoint, saleId),
    lookupGiftCard: (code) => lookupGiftCardOnline(endpoint, code),
    fetchStoreStatus: () => fetchStoreStatus(endpoint),
    async close() {
      stopKeys();
      lastSeqSub.unsubscribe();
      catalogue.close();
      await replication.stop();
      await db.close();
    },
  };
}
