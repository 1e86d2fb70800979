import { z } from 'zod';
import { createIdFactory } from '../../../core/ids/ids';
import { countryCodeForLocale, normalisePhone, phoneHash } from '../../../core/loyalty/phone';
import { err, ok, type Result } from '../../../core/result/result';
import { formatPath } from '../../../core/rules/validate';
import { businessDayOf } from '../../../core/store/store-settings';
import type { LedgerRow } from '../storage/repos/ledger';
import type { MemberInput, MemberRecord } from '../storage/repos/members';
import { tierChangesOf, type TierChange } from '../storage/repos/tier-changes';
import type { Storage, StorageTx } from '../storage/storage';
import { ladderFor, publishedLadders, rankOn } from './jobs/ledger-jobs';

/** At most this many members per import (the body limit of 8 MiB holds about that many). */
export const MAX_MEMBERS_PER_IMPORT = 10_000;
/** Cards per member (the till's member document holds at most 20). */
export const MAX_CARDS_PER_MEMBER = 20;

const isRealDate = (s: string): boolean => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

const cardSchema = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z][0-9A-Za-z._:-]{3,63}$/, 'must be 4–64 letters, digits, ".", "_", ":" or "-"');

/** A member as HQ sends it (`PUT /admin/members`, `kassa-server members import`). */
export const memberImportSchema = z.strictObject({
  memberId: z
    .string()
    .regex(/^[0-9A-Za-z_-]{1,64}$/, 'must be 1–64 letters, digits, "_" or "-"')
    .optional(),
  homeStoreId: z.string().min(1).max(64),
  fullName: z.string().trim().min(1).max(200),
  email: z.email().max(254).nullish(),
  /** As typed anywhere; normalised with the home store's country code, then only hashed. */
  phone: z.string().max(32).nullish(),
  tier: z.string().min(1).max(64).nullish(),
  segments: z.array(z.string().min(1).max(64)).max(100).optional(),
  birthday: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
    .refine(isRealDate, 'must be a real date YYYY-MM-DD')
    .nullish(),
  /** Epoch ms or ISO 8601 with a zone (a date alone is midnight UTC); kept when absent on an update. */
  enrolledAt: z
    .union([
      z.number().int().nonnegative(),
      z.iso.datetime({ offset: true }).transform((s) => Date.parse(s)),
      z.iso.date().transform((s) => Date.parse(`${s}T00:00:00Z`)),
    ])
    .optional(),
  optedIn: z.boolean(),
  cards: z.array(cardSchema).max(MAX_CARDS_PER_MEMBER),
});
export const memberImportsSchema = z.array(memberImportSchema).min(1).max(MAX_MEMBERS_PER_IMPORT);
export type MemberImport = z.input<typeof memberImportSchema>;

export interface MemberIssue {
  /** `[3].phone`: the member's index in the import, then the field. */
  path: string;
  message: string;
}

export type ImportReason = 'invalid-member' | 'card-taken';

export interface ImportedMembers {
  /** Members created or changed (an unchanged member is not written, so tills pull nothing). */
  written: number;
  unchanged: number;
  /** In the order of the import: the ids, new ULIDs for members sent without one. */
  memberIds: string[];
}

/** The calling code of a store's country, from its locale (core/loyalty/phone.ts). */
export const countryCodeOfLocale = countryCodeForLocale;

const invalid = (issues: MemberIssue[]) =>
  err<ImportReason, MemberIssue[]>(
    'invalid-member',
    issues
      .slice(0, 20)
      .map((i) => `${i.path}: ${i.message}`)
      .join('\n') + (issues.length > 20 ? `\n(and ${issues.length - 20} more)` : ''),
    issues,
  );

/**
 * Creates or updates members from HQ's data, all or none. Validated first (every mistake with its
 * path); a phone number is normalised with the home store's country code and only its hash and last
 * three digits are kept; a card belongs to one member (a card of another member refuses the import,
 * `card-taken`). Cards are added to a member's cards, never taken away. The folded figures (balance,
 * counters) are the ledger projection's and never change here. A tier that the import sets or
 * changes (a new member's first tier too) is recorded in the tier history, source 'member-import'.
 */
export async function importMembers(
  storage: Storage,
  input: unknown,
  now: number,
): Promise<Result<ImportedMembers, ImportReason, MemberIssue[]>> {
  const parsed = memberImportsSchema.safeParse(input);
  if (!parsed.success) {
    return invalid(
      parsed.error.issues.map((i) => ({
        path: i.path.length > 0 ? formatPath(i.path) : '(members)',
        message: i.message,
      })),
    );
  }
  const rows = parsed.data;
  const issues: MemberIssue[] = [];
  const stores = new Map((await storage.stores.list()).map((s) => [s.storeId, s]));
  const newId = createIdFactory();
  const ids = rows.map((m) => m.memberId ?? newId(now));
  const idAt = new Map<string, number>();
  const cardAt = new Map<string, { index: number; memberId: string }>();
  const inputs: (Omit<MemberInput, 'enrolledAt'> & { enrolledAt: number | undefined })[] = [];
  rows.forEach((m, index) => {
    const memberId = ids[index] as string;
    if (idAt.has(memberId)) {
      issues.push({
        path: `[${index}].memberId`,
        message: `"${memberId}" is also member [${idAt.get(memberId)}]`,
      });
    }
    idAt.set(memberId, index);
    const store = stores.get(m.homeStoreId);
    if (!store)
      issues.push({ path: `[${index}].homeStoreId`, message: `there is no store "${m.homeStoreId}"` });
    let hash: string | null = null;
    let last3: string | null = null;
    if (m.phone != null && m.phone.trim() !== '') {
      const international = /^\s*(\+|00)/.test(m.phone);
      const cc = store ? countryCodeOfLocale(store.locale) : undefined;
      const e164 = cc || international ? normalisePhone(m.phone, cc ?? '') : undefined;
      if (store && !e164) {
        issues.push({
          path: `[${index}].phone`,
          message: cc
            ? `"${m.phone}" is not a phone number`
            : `cannot tell the country of "${m.phone}" (store locale ${store.locale}): give it with + and its country code`,
        });
      } else if (e164) {
        hash = phoneHash(e164);
        last3 = e164.slice(-3);
      }
    }
    const cards = [...new Set(m.cards)];
    cards.forEach((card) => {
      const other = cardAt.get(card);
      if (other && other.memberId !== memberId) {
        issues.push({
          path: `[${index}].cards[${m.cards.indexOf(card)}]`,
          message: `card ${card} is also given to member [${other.index}]; a card belongs to one member`,
        });
      }
      cardAt.set(card, { index, memberId });
    });
    inputs.push({
      memberId,
      homeStoreId: m.homeStoreId,
      fullName: m.fullName,
      email: m.email ?? null,
      phoneHash: hash,
      phoneLast3: last3,
      tier: m.tier ?? null,
      segments: [...new Set(m.segments ?? [])],
      birthday: m.birthday ?? null,
      enrolledAt: m.enrolledAt,
      optedIn: m.optedIn,
      cards,
    });
  });
  if (issues.length > 0) return invalid(issues);
  // Read before the transaction (it opens its own): the ranks of the tiers the import sets.
  const ladders = await publishedLadders(storage);

  return storage.transaction(async (tx) => {
    const taken: MemberIssue[] = [];
    const toWrite: MemberInput[] = [];
    const tierMoves: TierChange[] = [];
    let unchanged = 0;
    for (const [index, m] of inputs.entries()) {
      const existing = await tx.members.get(m.memberId);
      const held = existing ? ((await tx.members.cardsOf([m.memberId])).get(m.memberId) ?? []) : [];
      for (const [c, card] of m.cards.entries()) {
        const owner = await tx.members.byCard(card);
        if (owner && owner.memberId !== m.memberId) {
          taken.push({
            path: `[${index}].cards[${c}]`,
            message: `card ${card} belongs to member ${owner.memberId}; a card belongs to one member`,
          });
        }
      }
      const allCards = [...new Set([...held, ...m.cards])];
      if (allCards.length > MAX_CARDS_PER_MEMBER) {
        return invalid([
          {
            path: `[${index}].cards`,
            message: `member ${m.memberId} would hold ${allCards.length} cards; at most ${MAX_CARDS_PER_MEMBER}`,
          },
        ]);
      }
      // A row without a tier keeps the tier the member holds (the tier job's); null clears it.
      const tier = rows[index]?.tier === undefined ? (existing?.tier ?? null) : m.tier;
      const full: MemberInput = { ...m, tier, enrolledAt: m.enrolledAt ?? existing?.enrolledAt ?? now };
      if (existing && sameMember(existing, held, full)) unchanged++;
      else toWrite.push(full);
      const fromTier = existing?.tier ?? null;
      const toTier = full.tier ?? null;
      if (fromTier !== toTier) {
        const ladder = ladderFor(ladders, full.homeStoreId);
        tierMoves.push({
          memberId: full.memberId,
          storeId: full.homeStoreId,
          businessDay: businessDayOf(now, stores.get(full.homeStoreId)?.timeZone ?? 'UTC'),
          fromTier,
          toTier,
          fromRank: rankOn(ladder, fromTier),
          toRank: rankOn(ladder, toTier),
          at: now,
          source: 'member-import',
        });
      }
    }
    if (taken.length > 0) {
      return err<ImportReason, MemberIssue[]>(
        'card-taken',
        taken.map((i) => `${i.path}: ${i.message}`).join('\n'),
        taken,
      );
    }
    await tx.members.upsert(toWrite);
    await tierChangesOf(tx.db).record(tierMoves);
    return ok({ written: toWrite.length, unchanged, memberIds: ids });
  });
}

function sameMember(r: MemberRecord, held: readonly string[], m: MemberInput): boolean {
  return (
    r.homeStoreId === m.homeStoreId &&
    r.fullName === m.fullName &&
    r.email === (m.email ?? null) &&
    r.phoneHash === (m.phoneHash ?? null) &&
    r.phoneLast3 === (m.phoneLast3 ?? null) &&
    r.tier === (m.tier ?? null) &&
    JSON.stringify(r.segments) === JSON.stringify(m.segments ?? []) &&
    r.birthday === (m.birthday ?? null) &&
    r.enrolledAt === m.enrolledAt &&
    r.optedIn === m.optedIn &&
    m.cards.every((c) => held.includes(c))
  );
}

/** A member as a manager sees it (admin API and CLI): the full name and e-mail, never the phone number. */
export interface MemberSummary {
  memberId: string;
  homeStoreId: string;
  fullName: string;
  displayName: string;
  email: string | null;
  phoneLast3: string | null;
  tier: string | null;
  segments: string[];
  birthday: string | null;
  enrolledAt: number;
  optedIn: boolean;
  cards: string[];
  balance: number;
  pendingPoints: number;
  lifetimeEarned: number;
}

const summary = (m: MemberRecord, cards: string[]): MemberSummary => ({
  memberId: m.memberId,
  homeStoreId: m.homeStoreId,
  fullName: m.fullName,
  displayName: m.displayName,
  email: m.email,
  phoneLast3: m.phoneLast3,
  tier: m.tier,
  segments: m.segments,
  birthday: m.birthday,
  enrolledAt: m.enrolledAt,
  optedIn: m.optedIn,
  cards,
  balance: m.balance,
  pendingPoints: m.pendingPoints,
  lifetimeEarned: m.lifetimeEarned,
});

export async function listMembers(
  storage: Storage | StorageTx,
  filter: { storeId?: string; limit?: number },
): Promise<MemberSummary[]> {
  const members = await storage.members.list({
    ...(filter.storeId !== undefined ? { storeId: filter.storeId } : {}),
    limit: filter.limit ?? 100,
  });
  const cards = await storage.members.cardsOf(members.map((m) => m.memberId));
  return members.map((m) => summary(m, cards.get(m.memberId) ?? []));
}

export interface LedgerLine {
  entryId: string;
  at: number;
  terminalId: string;
  storeId: string;
  seq: number;
  account: string;
  unit: string;
  amount: number;
  programId: string;
  programVersion: number;
  ruleId: string;
  /** The reason as the till printed it ("2× points (+45) — Weekend double points"). */
  text: string;
}

export interface MemberDetail {
  member: MemberSummary;
  /** Σ amount per ledger account (what balance and pending fold from). */
  ledgerTotals: Record<string, number>;
  ledger: LedgerLine[];
}

const ledgerLine = (r: LedgerRow): LedgerLine => ({
  entryId: r.entry_id,
  at: Number(r.created_at),
  terminalId: r.terminal_id,
  storeId: r.store_id,
  seq: Number(r.seq),
  account: r.account,
  unit: r.unit,
  amount: Number(r.amount),
  programId: r.program_id,
  programVersion: Number(r.program_version),
  ruleId: r.rule_id,
  text: r.text,
});

/** A member by id or by any of its card numbers, with the ledger rows and their reasons. */
export async function showMember(
  storage: Storage,
  cardOrId: string,
  ledgerLimit = 1_000,
): Promise<Result<MemberDetail, 'not-found'>> {
  const key = cardOrId.trim();
  const m = (await storage.members.get(key)) ?? (await storage.members.byCard(key));
  if (!m) return err('not-found', `No member has the id or card "${cardOrId}".`);
  const cards = (await storage.members.cardsOf([m.memberId])).get(m.memberId) ?? [];
  const [rows, sums] = await Promise.all([
    storage.ledger.ofMember(m.memberId, ledgerLimit),
    storage.ledger.sums(m.memberId),
  ]);
  return ok({
    member: summary(m, cards),
    ledgerTotals: Object.fromEntries(sums),
    ledger: rows.map(ledgerLine),
  });
}
