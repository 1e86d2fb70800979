import type { EnrolmentEvent } from '../../../../core/journal/enrolment-event';
import type { StorageTx } from '../../storage/storage';
import { cardRangeStanding, cardRangesOf } from '../card-ranges';
import { recordReferral } from '../referrals/record-referral';
import type { Projection } from './projection';

/**
 * Members enrolled at a till become accounts on the server: the member id the till made, the card
 * handed over, the name and e-mail (kept on the server; the read model is masked), the phone only
 * as its hash. A card that already belongs to another member is not taken from them: the new
 * member is created without it and `card-taken` is raised. A number the till says it issued from
 * its range that lies outside the till's blocks raises `card-outside-range` (the enrolment stands:
 * the member exists; a manager looks at the till); one inside counts as issued from its block.
 * Runs before the ledger projection, so the sale that follows the enrolment in the same push
 * finds the member. A referral code is resolved to the referrer and the link recorded
 * (domain/referrals/record-referral.ts).
 */
export const enrolmentProjection: Projection = {
  name: 'enrolments',
  reads: 'events',
  wants: (e) => e.type === 'enrolment',
  async fold(tx, inputs) {
    for (const i of inputs) {
      if (i.event?.type !== 'enrolment') continue;
      const e: EnrolmentEvent = i.event;
      if (await tx.members.get(e.memberId)) continue; // folded before (refold keeps accounts)
      await checkCardRange(tx, e);
      const holder = await tx.members.byCard(e.card);
      if (holder) {
        await tx.exceptions.insert({
          kind: 'card-taken',
          terminalId: e.terminalId,
          storeId: e.storeId,
          eventId: e.id,
          seq: e.seq,
          message: `Enrolment ${e.id} (seq ${e.seq}) handed over card ${e.card}, which already belongs to another member; the new member was created without it.`,
          detail: JSON.stringify({ card: e.card, memberId: e.memberId }),
          detectedAt: e.createdAt,
          dedupeKey: `card-taken:${e.terminalId}:${e.id}`,
        });
      }
      await tx.members.upsert([
        {
          memberId: e.memberId,
          homeStoreId: e.storeId,
          fullName: e.fullName,
          email: e.email,
          phoneHash: e.phoneHash,
          phoneLast3: e.phoneLast3,
          enrolledAt: e.createdAt,
          optedIn: e.consent.marketing,
          cards: holder ? [] : [e.card],
        },
      ]);
      await recordReferral(tx, e); // who referred them, if the code names a member
    }
  },
  // Accounts are not derived data to drop: a refold of enrolments only adds the missing ones.
  reset: async () => {},
};

/**
 * A number issued from the till's range must lie in one of its blocks. A stock card is not
 * checked here: stock numbers lie outside every block, and a taken one is `card-taken` above.
 */
async function checkCardRange(tx: StorageTx, e: EnrolmentEvent): Promise<void> {
  if (e.cardSource !== 'range') return;
  const { standing, block } = await cardRangeStanding(tx.db, e.terminalId, e.card);
  if (standing === 'own' && block) {
    await cardRangesOf(tx.db).countIssued(block.formatId, block.firstSerial);
    return;
  }
  const where =
    standing === 'foreign'
      ? `lies in a block allocated to terminal ${block?.terminalId ?? '?'}`
      : 'lies in no block allocated to this till';
  await tx.exceptions.insert({
    kind: 'card-outside-range',
    terminalId: e.terminalId,
    storeId: e.storeId,
    eventId: e.id,
    seq: e.seq,
    message: `Enrolment ${e.id} (seq ${e.seq}) issued card number ${e.card} from the till's range, but it ${where}; the member was enrolled with it.`,
    detail: JSON.stringify({ card: e.card, memberId: e.memberId, standing }),
    detectedAt: e.createdAt,
    dedupeKey: `card-outside-range:${e.terminalId}:${e.id}`,
  });
}
