import type { z } from 'zod';
import { JOURNAL_BOUNDS as B } from './bounds';
import { describeIssue, pathOf } from './issue-message';
import {
  JOURNAL_SCHEMA_VERSION,
  saleV1Schema,
  saleV2Schema,
  saleV3Schema,
  saleV4Schema,
  saleV5Schema,
  type JournalEvent,
  type SaleEventV1,
  type SaleEventV2,
  type SaleEventV3,
  type SaleEventV4,
} from './sale-event';
import { upcastSaleV1toV2, upcastSaleV2toV3, upcastSaleV3toV4, upcastSaleV4toV5 } from './upcasters';
import { managerOverrideV1Schema } from './manager-override-event';
import { pointsTransferV1Schema } from './points-transfer-event';
import { returnV1Schema } from './return-event';
import {
  ENROLMENT_SCHEMA_VERSION,
  enrolmentV1Schema,
  enrolmentV2Schema,
  upcastEnrolmentV1toV2,
  type EnrolmentEventV1,
} from './enrolment-event';
import {
  loyaltyActionV1Schema,
  pointsClaimedV1Schema,
  pointsExpiredV1Schema,
  pointsPostedV1Schema,
} from './server-events';
import { giftCardIssuedV1Schema, giftCardLoadedV1Schema } from './gift-card-events';
import { adjustmentV1Schema } from './adjustment-event';
import { shiftCloseV1Schema } from './shift-close-event';
import { pinFailureV1Schema } from './pin-failure-event';

/**
 * One entry per event type: the schema of every version this build understands, and how to bring
 * an older version up to the current shape. Adding an event type is one entry here (plus its
 * schema, upcasters and folders); adding a version is one schema and one upcaster.
 */
export interface EventTypeSpec {
  type: string;
  current: number;
  /** schema per version, 1..current */
  versions: Record<number, z.ZodType>;
  /** from version v (validated) to the current shape */
  upcast(body: unknown, fromVersion: number): unknown;
}

/** Chains one-step upcasters (`steps[v]` turns version v into v + 1) up to `current`. */
export function upcastChain(
  current: number,
  steps: Record<number, (body: unknown) => unknown>,
): EventTypeSpec['upcast'] {
  return (body, fromVersion) => {
    let out = body;
    for (let v = fromVersion; v < current; v++) {
      const step = steps[v];
      // A bug in the registry, not a bad event: every version below current has a step.
      if (!step) throw new Error(`no upcaster from version ${v} to ${v + 1}`);
      out = step(out);
    }
    return out;
  };
}

const saleSpec: EventTypeSpec = {
  type: 'sale',
  current: JOURNAL_SCHEMA_VERSION,
  versions: { 1: saleV1Schema, 2: saleV2Schema, 3: saleV3Schema, 4: saleV4Schema, 5: saleV5Schema },
  upcast: upcastChain(JOURNAL_SCHEMA_VERSION, {
    1: (body) => upcastSaleV1toV2(body as SaleEventV1),
    2: (body) => upcastSaleV2toV3(body as SaleEventV2),
    3: (body) => upcastSaleV3toV4(body as SaleEventV3),
    4: (body) => upcastSaleV4toV5(body as SaleEventV4),
  }),
};

const enrolmentSpec: EventTypeSpec = {
  type: 'enrolment',
  current: ENROLMENT_SCHEMA_VERSION,
  versions: { 1: enrolmentV1Schema, 2: enrolmentV2Schema },
  upcast: upcastChain(ENROLMENT_SCHEMA_VERSION, {
    1: (body) => upcastEnrolmentV1toV2(body as EnrolmentEventV1),
  }),
};

/** An event type at version 1 only: no upcasters yet. */
const firstVersion = (type: string, schema: z.ZodType): EventTypeSpec => ({
  type,
  current: 1,
  versions: { 1: schema },
  upcast: (body) => body,
});

export const EVENT_TYPES: Record<string, EventTypeSpec> = {
  sale: saleSpec,
  enrolment: enrolmentSpec,
  // Spending (issue 9): a return of an earlier sale, points given to another member (also from
  // the server's stream, through the admin API), and a manager's override at the till.
  return: firstVersion('return', returnV1Schema),
  'points-transfer': firstVersion('points-transfer', pointsTransferV1Schema),
  'manager-override': firstVersion('manager-override', managerOverrideV1Schema),
  // The server's own stream (server-events.ts): terminalId 'hq' only, so no till can write one.
  'points-posted': firstVersion('points-posted', pointsPostedV1Schema),
  'points-expired': firstVersion('points-expired', pointsExpiredV1Schema),
  'loyalty-action': firstVersion('loyalty-action', loyaltyActionV1Schema),
  'points-claimed': firstVersion('points-claimed', pointsClaimedV1Schema),
  // Gift cards and store credit (gift-card-events.ts): issued and topped up by HQ only.
  'gift-card-issued': firstVersion('gift-card-issued', giftCardIssuedV1Schema),
  'gift-card-loaded': firstVersion('gift-card-loaded', giftCardLoadedV1Schema),
  // The store manager (issue 10): a till's end of shift, and HQ's action on an exception.
  'shift-close': firstVersion('shift-close', shiftCloseV1Schema),
  adjustment: firstVersion('adjustment', adjustmentV1Schema),
  // Issue 11: a wrong manager PIN at a till (and whether it locked), the audit record HQ sees.
  'pin-failure': firstVersion('pin-failure', pinFailureV1Schema),
};

export type Understanding =
  /** validated at its own version, then upcast to current */
  | { kind: 'understood'; event: JournalEvent }
  | { kind: 'unknown-type'; message: string }
  | { kind: 'newer-version'; understoodUpTo: number; message: string }
  /** path like 'lines.3.amountCents' */
  | { kind: 'invalid'; path: string; message: string };

/**
 * What this build makes of one journal document: its type and version are looked up in the
 * registry, the body is validated at its own version, then upcast to the current shape.
 * A type or version this build does not know is not an error: the server parks it until a build
 * that knows it starts. Messages name the event ("Event 01H… (seq 7): …") for a store manager.
 * The server calls this again on stored documents (unpark, refold), so it ignores `_deleted` too.
 */
export function understandEvent(
  doc: Record<string, unknown>,
  registry: Record<string, EventTypeSpec> = EVENT_TYPES,
): Understanding {
  const { type, schemaVersion: version } = doc;
  const name = eventName(doc);
  if (typeof type !== 'string') {
    return {
      kind: 'invalid',
      path: 'type',
      message: `${name}: type is missing; it must name the kind of event, such as sale.`,
    };
  }
  const spec = Object.hasOwn(registry, type) ? registry[type] : undefined;
  if (!spec) {
    return {
      kind: 'unknown-type',
      message: `${name}: this server does not know events of type '${clip(type)}' yet; it is kept and will be processed after an upgrade.`,
    };
  }
  if (
    typeof version !== 'number' ||
    !Number.isInteger(version) ||
    version < 1 ||
    version > B.maxSchemaVersion
  ) {
    return {
      kind: 'invalid',
      path: 'schemaVersion',
      message: `${name}: schemaVersion must be a whole number from 1 to ${B.maxSchemaVersion}.`,
    };
  }
  if (version > spec.current) {
    return {
      kind: 'newer-version',
      understoodUpTo: spec.current,
      message: `${name}: this is version ${version} of a ${type} event and this server understands up to version ${spec.current}; it is kept and will be processed after an upgrade.`,
    };
  }
  const schema = spec.versions[version];
  if (!schema) {
    return {
      kind: 'invalid',
      path: 'schemaVersion',
      message: `${name}: version ${version} of a ${type} event is no longer understood.`,
    };
  }
  // RxDB's deletion flag is bookkeeping, never part of the event (admitEvent refuses `true`).
  const { _deleted: _flag, ...body } = doc;
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (!issue) return { kind: 'invalid', path: '', message: `${name}: the event is not valid.` };
    return { kind: 'invalid', path: pathOf(issue), message: `${name}: ${describeIssue(issue, doc)}` };
  }
  return { kind: 'understood', event: spec.upcast(parsed.data, version) as JournalEvent };
}

/** "Event 01H… (seq 7)", from whatever the document carries. */
export function eventName(doc: Record<string, unknown>): string {
  const id = typeof doc.id === 'string' && doc.id.length > 0 ? clip(doc.id) : '(no id)';
  const seq = typeof doc.seq === 'number' && Number.isSafeInteger(doc.seq) ? ` (seq ${doc.seq})` : '';
  return `Event ${id}${seq}`;
}

function clip(s: string): string {
  return s.length > B.maxIdLength ? `${s.slice(0, B.maxIdLength)}…` : s;
}
