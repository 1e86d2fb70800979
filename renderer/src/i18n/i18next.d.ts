import type { en } from './locales/en';

// `t()` takes only keys of the English catalogue, the source the others are checked against. The back
// office's namespace is left out: its ~500 keys took the key union past TypeScript's instantiation
// depth (TS2589) in the till's own calls; the back office calls `t` through backoffice/use-text.ts.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Omit<typeof en, 'backoffice'> };
  }
}
