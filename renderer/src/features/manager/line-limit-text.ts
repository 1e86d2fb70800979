import { formatMoney, type Cents } from '../../../../core/money';
import { i18n, translate } from '../../i18n';
import { message, type Translatable } from '../../i18n/translatable';
import type { LimitBreach } from '../checkout/basket';
import type { OverrideRequest } from './useManagerOverride';

/** Why the till refused a line change, in words: what was asked and the store's limit. */
export function breachMessage(b: LimitBreach, currency: string, locale: string): Translatable {
  if (b.unit === 'units') {
    return message('basket.overQuantity', { name: b.name, requested: b.requested, limit: b.max });
  }
  if (b.unit === 'grams') {
    const kg = (g: number) => (g / 1000).toLocaleString(locale, { maximumFractionDigits: 3 });
    return message('basket.overWeight', { name: b.name, requested: kg(b.requested), limit: kg(b.max) });
  }
  const money = (c: number) => formatMoney(c as Cents, currency, locale);
  return message('basket.overAmount', { name: b.name, requested: money(b.requested), limit: money(b.max) });
}

/** What the till asks a manager to allow for a line over a limit of the store. */
export function lineOverrideRequest(
  b: LimitBreach,
  q: { saleId: string; memberId: string | null; currency: string; locale: string },
): OverrideRequest {
  const why = breachMessage(b, q.currency, q.locale);
  return {
    action: 'line-over-limit',
    eventId: q.saleId,
    memberId: q.memberId,
    // In the till's language at the time, as the cashier saw it (the journal keeps it as said).
    description: translate(i18n.t, why).slice(0, 200),
    requested: b.requested,
    limit: b.max,
    unit: b.unit,
    why,
  };
}
