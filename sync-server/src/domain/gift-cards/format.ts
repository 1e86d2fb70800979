import { DEMO_SCAN_CONFIG } from '../../../../core/scan/scan-config';
import type { SignedCodeFormat } from '../../../../core/scan/signed-code';
import type { Repos } from '../../storage/storage';

export const GIFT_CARD_FORMAT_ID = 'kassa-gift-card';

/**
 * The chain's gift-card code format and the key the server signs new cards with (the first key;
 * the others still verify). The ONE place that says where the key comes from: today the demo key
 * of DEMO_SCAN_CONFIG (public in this repository), later the chain's key in server_secrets —
 * served to the tills with the terminal keys — so callers pass the repositories and await it.
 */
export async function giftCardFormat(_repos: Repos): Promise<SignedCodeFormat> {
  const format = DEMO_SCAN_CONFIG.signedCodes.find((f) => f.id === GIFT_CARD_FORMAT_ID);
  if (!format || format.keys.length === 0)
    throw new Error(`no gift-card format ${GIFT_CARD_FORMAT_ID} with a key`);
  return format;
}
