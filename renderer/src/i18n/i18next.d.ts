import type { en } from './locales/en';

// `t()` takes only keys of the English catalogue, the source the others are checked against.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
