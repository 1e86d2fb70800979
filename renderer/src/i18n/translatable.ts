import type { ParseKeys, TFunction } from 'i18next';

export type MessageKey = ParseKeys;
export type MessageValues = Record<string, string | number>;

/**
 * Text kept in state as a key and its values, not as a string, so a message already on screen
 * follows a language change, and the reducers that make messages stay free of i18n.
 */
export interface Translatable {
  key: MessageKey;
  values?: MessageValues;
}

export const message = (key: MessageKey, values?: MessageValues): Translatable =>
  values ? { key, values } : { key };

export function translate(t: TFunction, m: Translatable): string {
  return t(m.key, m.values ?? {});
}
