import { JOURNAL_BOUNDS as B } from './bounds';
import { documentShapeProblem } from './document-shape';
import { envelopeSchema, pickEnvelope, type Envelope } from './envelope';
import { eventName, understandEvent, type EventTypeSpec } from './event-types';
import { describeIssue, pathOf } from './issue-message';
import type { JournalEvent } from './sale-event';

export interface AdmissionContext {
  terminalId: string;
  storeId: string;
  storeCurrency: string;
  /** highest seq of this terminal already stored (0 if none) */
  terminalMaxSeq: number;
  registry?: Record<string, EventTypeSpec>;
}

export type RefusalReason =
  | 'document-invalid'
  | 'envelope-invalid'
  | 'deleted'
  | 'seq-jump'
  | 'body-invalid'
  | 'currency-mismatch';

export type Admission =
  /** names another terminal or store: the server refuses the WHOLE batch (403) */
  | { kind: 'forbidden'; reason: 'forbidden-terminal' | 'forbidden-store'; message: string }
  | {
      kind: 'refused';
      reason: RefusalReason;
      id: string | null;
      seq: number | null;
      type: string | null;
      path: string;
      message: string;
    }
  | { kind: 'parked'; envelope: Envelope; reason: 'unknown-type' | 'newer-version'; message: string }
  | { kind: 'understood'; envelope: Envelope; event: JournalEvent };

/**
 * What the server decides for ONE pushed document, before it stores anything. Pure: the caller
 * supplies what it knows of the terminal (its highest stored seq). The steps, in order:
 */
export function admitEvent(doc: Record<string, unknown>, ctx: AdmissionContext): Admission {
  // 0. The whole document's shape (depth, size, text a database keeps, no prototype keys), before
  //    anything reads it.
  const shape = documentShapeProblem(doc);
  if (shape) return refuse(doc, 'document-invalid', shape.path, shape.message);

  // 1. The envelope, strictly. Without a valid envelope the event cannot even be filed.
  const env = envelopeSchema.safeParse(doc);
  if (!env.success) {
    const issue = env.error.issues[0];
    return refuse(
      doc,
      'envelope-invalid',
      issue ? pathOf(issue) : '',
      issue ? describeIssue(issue, doc) : 'the event is not valid.',
    );
  }
  const envelope = pickEnvelope(env.data);
  const name = eventName(doc);

  // 2. Authority: a till pushes only its own events, of its own store. Anything else is not a bad
  //    event but a bad till, and the whole batch is refused.
  if (envelope.terminalId !== ctx.terminalId) {
    return {
      kind: 'forbidden',
      reason: 'forbidden-terminal',
      message: `${name} belongs to terminal ${envelope.terminalId}, but it was sent by terminal ${ctx.terminalId}.`,
    };
  }
  if (envelope.storeId !== ctx.storeId) {
    return {
      kind: 'forbidden',
      reason: 'forbidden-store',
      message: `${name} names store ${envelope.storeId}, but terminal ${ctx.terminalId} belongs to store ${ctx.storeId}.`,
    };
  }

  // 3. The journal is insert-only: RxDB's deletion flag on a journal document is refused. A
  //    `_deleted: false` is RxDB's bookkeeping, not part of the event, and is otherwise ignored.
  if (doc._deleted === true) {
    return refuse(
      doc,
      'deleted',
      '_deleted',
      'journal events are never deleted; a correction is a new event (a return, a void or an adjustment).',
    );
  }

  // 4. seq may leave gaps (the server reports them) but not jump so far that the terminal's
  //    resume point would be pushed out of reach.
  const maxAllowed = ctx.terminalMaxSeq + B.maxSeqJump;
  if (envelope.seq > maxAllowed) {
    return refuse(
      doc,
      'seq-jump',
      'seq',
      `seq ${fmt(envelope.seq)} is too far ahead: this terminal's last stored event is seq ${fmt(ctx.terminalMaxSeq)}, and at most ${fmt(B.maxSeqJump)} more are allowed (up to seq ${fmt(maxAllowed)}).`,
    );
  }

  // 5. The body, at its own version, upcast to the current shape. A type or version this build
  //    does not know is parked (stored, listed to a manager, folded after an upgrade), never refused.
  const understanding = understandEvent(doc, ctx.registry);
  switch (understanding.kind) {
    case 'unknown-type':
    case 'newer-version':
      return { kind: 'parked', envelope, reason: understanding.kind, message: understanding.message };
    case 'invalid':
      return { ...refusal(doc, 'body-invalid', understanding.path), message: understanding.message };
    case 'understood':
      break;
  }
  const event = understanding.event;

  // 6. Money in another currency would be summed into the store's reports as if it were its own.
  if (event.type === 'sale' && event.currency !== ctx.storeCurrency) {
    return refuse(
      doc,
      'currency-mismatch',
      'currency',
      `the sale is in ${event.currency}, but store ${ctx.storeId} sells in ${ctx.storeCurrency}.`,
    );
  }
  return { kind: 'understood', envelope, event };
}

function refuse(
  doc: Record<string, unknown>,
  reason: RefusalReason,
  path: string,
  detail: string,
): Admission {
  return { ...refusal(doc, reason, path), message: `${eventName(doc)}: ${detail}` };
}

/** The identity of a refused document, as far as it can be read (a till matches refusals by id). */
function refusal(doc: Record<string, unknown>, reason: RefusalReason, path: string) {
  const { id, seq, type } = doc;
  return {
    kind: 'refused' as const,
    reason,
    id: typeof id === 'string' && id.length > 0 && id.length <= B.maxIdLength ? id : null,
    seq: typeof seq === 'number' && Number.isSafeInteger(seq) ? seq : null,
    type: typeof type === 'string' && type.length > 0 && type.length <= B.maxTypeLength ? type : null,
    path,
  };
}

const grouped = new Intl.NumberFormat('en-US');
function fmt(n: number): string {
  return grouped.format(n);
}
