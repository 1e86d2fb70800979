/**
 * A language's catalogue: keys nested by feature (checkout.*, tender.*, sync.*, devices.*,
 * pairing.*, scan.*), plural forms as i18next suffixes (`_one`, `_few`, `_other`) per the
 * language's Intl.PluralRules.
 */
export interface Catalogue {
  readonly [key: string]: string | Catalogue;
}
