import type { ParkedBasket } from './basket-storage';

/** The cashier's name for a parked basket, else the time it was parked (in the store's zone). */
export function parkedLabel(p: ParkedBasket, locale: string, timeZone: string): string {
  if (p.name !== '') return p.name;
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone }).format(p.parkedAt);
}
