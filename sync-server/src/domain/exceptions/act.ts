import type { AuditEntry, ExceptionActionRequest } from '../../../../core/backoffice/api';
import type { Actor } from '../../../../core/journal/adjustment-event';
import { JOURNAL_BOUNDS as B } from '../../../../core/journal/bounds';
import { err, ok, type Result } from '../../../../core/result/result';
import { localTime } from '../../../../core/rules/local-time';
import { AdjustmentsRepo } from '../../storage/repos/adjustments';
import type { Storage } from '../../storage/storage';
import { DEFAULT_FOLD_CONFIG } from '../projections/default-projections';
import type { FoldConfig } from '../projections/projection';
import { appendServerEvents, type ServerEventDraft } from '../server-stream/append';
import { idFromSeed } from '../server-stream/ids';
import { lockServerStream } from '../server-stream/lock';
import { resolutionOf } from './options';
import { adjustmentEntry } from './views';

export type ActReason =
  | 'not-found'
  | 'already-resolved'
  | 'note-required'
  | 'resolution-required'
  | 'unknown-resolution'
  | 'confirm-required';

/** The same exception, action and resolution is the same decision: a double click writes one event. */
export const adjustmentEventId = (exceptionId: number, action: string, resolution: string | null): string =>
  idFromSeed(`adjustment:${exceptionId}:${action}:${resolution ?? ''}`);

/**
 * A manager acts on an exception: an `adjustment` event on the server's stream, folded in the same
 * transaction (exception status, adjustments row, ledger rows), so the answer is the audit entry.
 * The stream lock makes two clicks queue; the second finds the first's event and returns its entry.
 */
export async function actOnException(
  storage: Storage,
  id: number,
  request: ExceptionActionRequest,
  actor: Actor,
  now: number,
  config: FoldConfig = DEFAULT_FOLD_CONFIG,
): Promise<Result<AuditEntry, ActReason>> {
  const note = request.note.trim();
  if (note.length === 0 || note.length > B.maxReasonLength)
    return err('note-required', `A note (1–${B.maxReasonLength} characters) says why.`);
  return storage.transaction(async (tx) => {
    await lockServerStream(tx);
    const exc = await tx.exceptions.get(id);
    if (!exc) return err('not-found', `No exception ${id}.`);
    const resolution = request.action === 'resolve' ? (request.resolution ?? null) : null;
    const eventId = adjustmentEventId(id, request.action, resolution);
    const adjustments = new AdjustmentsRepo(tx.db);
    const earlier = await adjustments.byEventId(eventId);
    if (earlier) return ok(adjustmentEntry(earlier));
    if (exc.status === 'resolved')
      return err('already-resolved', `Exception ${id} is already resolved (${exc.resolution ?? '?'}).`);
    let effect = { ledger: [], cost: null, lostSeqs: null } as ReturnType<
      NonNullable<ReturnType<typeof resolutionOf>>['apply']
    >;
    if (request.action === 'resolve') {
      if (resolution === null)
        return err('resolution-required', "Resolving needs one of the exception's resolutions.");
      const option = resolutionOf(exc, resolution);
      if (!option)
        return err('unknown-resolution', `"${resolution}" is not a resolution of a ${exc.kind} exception.`);
      if (option.needsConfirm && request.confirm !== true)
        return err('confirm-required', `"${resolution}" needs confirm: true.`);
      effect = option.apply();
    }
    const store = await tx.stores.get(exc.storeId);
    const draft = {
      id: eventId,
      type: 'adjustment' as const,
      storeId: exc.storeId,
      createdAt: now,
      businessDay: exc.businessDay ?? localTime(now, store?.timeZone ?? 'UTC').date,
      exceptionId: id,
      exceptionKind: exc.kind,
      action: request.action,
      resolution,
      note,
      by: actor,
      memberId: exc.memberId,
      ledger: effect.ledger,
      cost: effect.cost,
      lostSeqs: effect.lostSeqs,
    };
    await appendServerEvents(tx, [draft as unknown as ServerEventDraft], now, config);
    const row = await adjustments.byEventId(eventId);
    if (!row)
      throw new Error(
        `adjustment ${eventId} was not folded (is the exception-status projection configured?)`,
      );
    return ok(adjustmentEntry(row));
  });
}
