import { useEffect } from 'react';
import { applyLocale } from './i18n';

/**
 * Follows the store's locale: when HQ changes it, the replicated settings change and every
 * component using `useTranslation` renders in the new language, without a reload.
 */
export function useStoreLanguage(locale: string): void {
  useEffect(() => {
    document.documentElement.lang = applyLocale(locale);
  }, [locale]);
}
