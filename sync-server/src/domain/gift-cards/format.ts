import type { SignedCodeFormat } from '../../../../core/scan/signed-code';
import { GIFT_CARD_FORMAT_ID } from '../../../../core/sync/terminal-keys';
import type { Repos } from '../../storage/storage';
import { signedCodeFormat } from '../code-keys';

export { GIFT_CARD_FORMAT_ID };

/**
 * The chain's gift-card code format with its keys, newest first: the server signs a new card with
 * the first, and the tills verify with the same keys (served with their terminal keys, domain/
 * code-keys.ts; made on first use). The ONE place the gift-card code's format and key come from.
 */
export async function giftCardFormat(repos: Repos, now = 0): Promise<SignedCodeFormat> {
  const format = await signedCodeFormat(repos, GIFT_CARD_FORMAT_ID, now);
  if (format.keys.length === 0) throw new Error(`no ${GIFT_CARD_FORMAT_ID} key`);
  return format;
}
