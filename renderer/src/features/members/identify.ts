import type { MemberDoc } from '../../../../core/loyalty/member-doc';
import { countryCodeForLocale, normalisePhone, phoneHash } from '../../../../core/loyalty/phone';
import { err, ok, type Result } from '../../../../core/result/result';
import type { MemberIndex } from './member-index';
import type { MemberLookup } from './member-lookup';

/**
 * Who a sale belongs to, as the cashier identified them. A card the replica does not know
 * becomes a provisional member: it earns (the server folds its points onto the real account
 * once it matches the card) and cannot redeem.
 */
export type Identification =
  | {
      kind: 'member';
      memberId: string;
      via: 'card' | 'app' | 'phone';
      /** The card scanned or swiped; null for the app code or a phone number. */
      card: string | null;
    }
  | { kind: 'provisional'; card: string };

export type IdentifyReason =
  /** A member-app code the till cannot check (no secret for it here): ask for the card. */
  | 'app-unverified'
  /** A verified app code for a member who is not in this till's replica. */
  | 'member-unknown'
  | 'phone-invalid'
  | 'phone-unknown';

/** A loyalty card, key fob or magstripe card number. */
export function identifyCard(cardNumber: string, index: MemberIndex): Identification {
  const doc = index.byCard(cardNumber);
  return doc
    ? { kind: 'member', memberId: doc.memberId, via: 'card', card: cardNumber }
    : { kind: 'provisional', card: cardNumber };
}

/** A scanned card after the replica and, when needed, the server were asked. */
export type CardResolution =
  /** `doc`: the member document the server answered, when it was looked up online. */
  | { kind: 'identified'; identification: Identification; doc?: MemberDoc }
  /** The server knows no member with this card. */
  | { kind: 'card-unknown'; card: string };

export interface CardLookupContext {
  /** The sync indicator's view: false when the till knows it is offline, null before the first call. */
  online: boolean | null;
  lookup(card: string): Promise<MemberLookup>;
}

/**
 * A card the replica does not know is looked up online, once, when the till may be online; offline
 * (or with no answer in time) it earns as a provisional member, as before.
 */
export async function resolveCard(
  cardNumber: string,
  index: MemberIndex,
  ctx: CardLookupContext,
): Promise<CardResolution> {
  const local = identifyCard(cardNumber, index);
  if (local.kind === 'member' || ctx.online === false) return { kind: 'identified', identification: local };
  const answer = await ctx.lookup(cardNumber);
  switch (answer.kind) {
    case 'found':
      return {
        kind: 'identified',
        identification: { kind: 'member', memberId: answer.doc.memberId, via: 'card', card: cardNumber },
        doc: answer.doc,
      };
    case 'unknown':
      return { kind: 'card-unknown', card: cardNumber };
    case 'unreachable':
      return { kind: 'identified', identification: local };
  }
}

/**
 * Resolves once `known()` holds or the replica's members have all loaded (`loaded`), whichever is
 * first: right after a start the stored members load into the index in pages (seconds at 100,000
 * members), and a scanned member is usually in before the last page.
 */
function knownOrLoaded(index: MemberIndex, known: () => boolean, loaded: Promise<void>): Promise<void> {
  if (known()) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const stop = index.subscribe(() => {
      if (!known()) return;
      stop();
      resolve();
    });
    void loaded.then(() => {
      stop();
      resolve();
    });
  });
}

/**
 * `resolveCard` for a card scanned while the replica's members may still be loading: decided as
 * soon as the index holds the card, or the server (asked at once when the till may be online)
 * found its member, or the load finished — never turned provisional or unknown by the race, as
 * the full load still comes first for a card neither the index nor the server found.
 */
export async function resolveCardWhileLoading(
  cardNumber: string,
  index: MemberIndex,
  loaded: Promise<void>,
  ctx: CardLookupContext,
): Promise<CardResolution> {
  const early = ctx.online === false || index.byCard(cardNumber) ? undefined : ctx.lookup(cardNumber);
  const foundOnline = early?.then((a) => (a.kind === 'found' ? undefined : new Promise<never>(() => {})));
  await Promise.race([
    knownOrLoaded(index, () => index.byCard(cardNumber) !== undefined, loaded),
    ...(foundOnline ? [foundOnline] : []),
  ]);
  // The one request already made answers resolveCard too.
  return resolveCard(cardNumber, index, { online: ctx.online, lookup: (c) => early ?? ctx.lookup(c) });
}

/**
 * A member-app QR code as core/scan classified it. Only a verified code names a member: the
 * TOTP check (and the refusal of a step already accepted) happens in classifyScan, with the
 * secret and the last accepted step the caller gives it.
 */
export function identifyAppCode(
  scan: { memberRef: string; verification: 'verified' | 'unverified' },
  index: MemberIndex,
): Result<Identification, IdentifyReason> {
  if (scan.verification !== 'verified') {
    return err('app-unverified', `The app code of ${scan.memberRef} cannot be checked at this till.`);
  }
  const doc = index.byId(scan.memberRef);
  if (!doc) return err('member-unknown', `Member ${scan.memberRef} is not in this till's replica.`);
  return ok({ kind: 'member', memberId: doc.memberId, via: 'app', card: null });
}

/** A verified member-app code after the replica and, when needed, the server were asked. */
export type AppCodeResolution = Result<{ identification: Identification; doc?: MemberDoc }, IdentifyReason>;

export interface AppCodeLookupContext {
  /** The sync indicator's view: false when the till knows it is offline. */
  online: boolean | null;
  lookupById(memberId: string): Promise<MemberLookup>;
}

/**
 * A verified code names a real member (only a holder of the chain's key can make one), but the
 * replica may not have them (another region's member): asked of the server by id, once, like an
 * unknown card. Offline, or unknown to the server, the cashier is told to use the card instead —
 * an app code carries no card a provisional member could be kept under.
 */
export async function resolveAppCode(
  scan: { memberRef: string; verification: 'verified' | 'unverified' },
  index: MemberIndex,
  ctx: AppCodeLookupContext,
): Promise<AppCodeResolution> {
  const local = identifyAppCode(scan, index);
  if (local.ok || local.reason !== 'member-unknown' || ctx.online === false) {
    return local.ok ? ok({ identification: local.value }) : local;
  }
  const answer = await ctx.lookupById(scan.memberRef);
  if (answer.kind !== 'found') return local;
  return ok({
    identification: { kind: 'member', memberId: answer.doc.memberId, via: 'app', card: null },
    doc: answer.doc,
  });
}

/** `resolveAppCode` while the members may still be loading: decided once the member is in, or all are. */
export async function resolveAppCodeWhileLoading(
  scan: { memberRef: string; verification: 'verified' | 'unverified' },
  index: MemberIndex,
  loaded: Promise<void>,
  ctx: AppCodeLookupContext,
): Promise<AppCodeResolution> {
  await knownOrLoaded(index, () => index.byId(scan.memberRef) !== undefined, loaded);
  return resolveAppCode(scan, index, ctx);
}

/** A phone number typed by the cashier, in the store's country unless it starts with + or 00. */
export function identifyPhone(
  typed: string,
  countryCode: string,
  index: MemberIndex,
): Result<Identification, IdentifyReason> {
  const e164 = normalisePhone(typed, countryCode);
  if (!e164) return err('phone-invalid', `"${typed}" is not a phone number.`);
  const doc = index.byPhoneHash(phoneHash(e164));
  if (!doc) return err('phone-unknown', 'No member has this phone number.');
  return ok({ kind: 'member', memberId: doc.memberId, via: 'phone', card: null });
}

/** The calling code of the store's country, from its locale (nl-NL → 31, ro-RO → 40, en-GB → 44). */
export const countryCodeFor = countryCodeForLocale;
