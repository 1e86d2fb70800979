import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Catalogue } from './catalogue';
import { en } from './locales/en';
import { nl } from './locales/nl';
import { ro } from './locales/ro';

export const TILL_LANGUAGES = ['nl', 'ro', 'en'] as const;
export type TillLanguage = (typeof TILL_LANGUAGES)[number];

/** Every language's catalogue, bundled: the till shows its text offline, with no backend to load from. */
export const catalogues: Record<TillLanguage, Catalogue> = { en, nl, ro };

/**
 * The till's language from the store's locale: Dutch for a Dutch store (nl-NL, also nl-BE),
 * Romanian for a Romanian one (ro-RO, ro-MD), English for any other.
 */
export function languageFor(locale: string | undefined): TillLanguage {
  const language = (locale ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return language === 'nl' || language === 'ro' ? language : 'en';
}

/**
 * The one i18next instance of the renderer, initialised synchronously when this module is first
 * imported (the catalogues are in memory), so the first render already has its text.
 */
export const i18n: I18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: {
    en: { translation: catalogues.en },
    nl: { translation: catalogues.nl },
    ro: { translation: catalogues.ro },
  },
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: TILL_LANGUAGES,
  initAsync: false,
  // React escapes what it renders; escaping here too would show "&amp;" on screen.
  interpolation: { escapeValue: false },
  react: { useSuspense: false },
});

/** Switches the till to the language of `locale` (a no-op when it already speaks it). */
export function applyLocale(locale: string | undefined): TillLanguage {
  const language = languageFor(locale);
  if (i18n.language !== language) void i18n.changeLanguage(language);
  return language;
}
