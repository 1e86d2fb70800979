export { applyLocale, catalogues, i18n, languageFor, TILL_LANGUAGES, type TillLanguage } from './i18n';
export { message, translate, type MessageKey, type MessageValues, type Translatable } from './translatable';
export { useStoreLanguage } from './useStoreLanguage';
export { useTranslation } from 'react-i18next';
