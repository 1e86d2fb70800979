import { err, ok, type Result } from '../result/result';

/** ISO 8601 date-time with seconds and fraction optional and a zone offset required (Z, +01:00, +0100). */
const ISO_WITH_ZONE =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):?(\d{2}))$/;
const ISO_WITHOUT_ZONE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/;

export type ZonedInstantProblem = 'no-zone' | 'not-iso-8601' | 'not-a-real-time';

/**
 * A moment typed by a person (a CLI's --at) as epoch ms. It must say its zone: a time without one
 * would be read in this machine's zone, giving another store-local day or hour on another machine.
 * The message completes a sentence that starts with the option's name ("--at has no zone offset: …").
 */
export function parseZonedInstant(value: string): Result<number, ZonedInstantProblem> {
  const m = ISO_WITH_ZONE.exec(value);
  if (!m) {
    return ISO_WITHOUT_ZONE.test(value)
      ? err(
          'no-zone',
          `has no zone offset: "${value}" (give e.g. 2026-11-28T08:15:00Z or 2026-11-28T09:15:00+01:00)`,
        )
      : err(
          'not-iso-8601',
          `is not an ISO 8601 date-time: "${value}" (give e.g. 2026-11-28T08:15:00Z or 2026-11-28T09:15:00+01:00)`,
        );
  }
  const [, y, mo, d, h, mi, sec, , oh, om] = m;
  const month = Number(mo);
  const day = Number(d);
  const daysInMonth = new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
  const real =
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth &&
    Number(h) <= 23 &&
    Number(mi) <= 59 &&
    Number(sec ?? 0) <= 59 &&
    Number(oh ?? 0) <= 23 &&
    Number(om ?? 0) <= 59;
  if (!real) return err('not-a-real-time', `is not a real date-time: "${value}"`);
  return ok(Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')));
}
