import { z } from 'zod';
import { enrolmentV2Schema, type EnrolmentEvent } from './enrolment-event';
import { managerOverrideV1Schema, type ManagerOverrideEvent } from './manager-override-event';
import { pointsTransferV1Schema, type PointsTransferEvent } from './points-transfer-event';
import { returnV1Schema, type ReturnEvent } from './return-event';
import { saleV5Schema, type SaleEvent } from './sale-event';
import { shiftCloseV1Schema, type ShiftCloseEvent } from './shift-close-event';
import { pinFailureV1Schema, type PinFailureEvent } from './pin-failure-event';

/**
 * The CURRENT shape of every event type a till writes (what a fold receives after upcasting).
 * Each is a schema of its own, registered with its versions in event-types.ts.
 */
export const journalEventSchema = z.discriminatedUnion('type', [
  saleV5Schema,
  enrolmentV2Schema,
  returnV1Schema,
  pointsTransferV1Schema,
  managerOverrideV1Schema,
  shiftCloseV1Schema,
  pinFailureV1Schema,
]);
export type JournalEvent =
  | SaleEvent
  | EnrolmentEvent
  | ReturnEvent
  | PointsTransferEvent
  | ManagerOverrideEvent
  | ShiftCloseEvent
  | PinFailureEvent;
export type UnsignedEvent<E extends JournalEvent = JournalEvent> = Omit<E, 'hash'>;
