import { useTranslation } from 'react-i18next';

/**
 * The back office's `t`, typed loosely: its keys are not in the till's typed catalogue (see
 * i18n/i18next.d.ts, TS2589); the i18n unit test checks nl and ro have every English key, and an
 * unknown key shows itself, not a blank.
 */
export type Say = (key: string, options?: Record<string, unknown>) => string;

export function useText() {
  const { t, i18n } = useTranslation();
  return { t: t as unknown as Say, i18n };
}
