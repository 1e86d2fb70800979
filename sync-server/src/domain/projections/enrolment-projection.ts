import type { EnrolmentEvent } from '../../../../core/journal/enrolment-event';
import type { Projection } from './projection';

/**
 * Members enrolled at a till become accounts on the server: the member id the till made, the card
 * handed over, the name and e-mail (kept on the server; the read model is masked), the phone only
 * as its hash. A card that already belongs to another member is not taken from them: the new
 * member is created without it and `card-taken` is raised. Runs before the ledger projection, so
 * the sale that follows the enrolment in the same push finds the member.
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
    }
  },
  // Accounts are not derived data to drop: a refold of enrolments only adds the missing ones.
  reset: async () => {},
};
