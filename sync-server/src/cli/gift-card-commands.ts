import { InvalidArgumentError, Option, type Command } from 'commander';
import { randomUUID } from 'node:crypto';
import { GIFT_CARD_KINDS, type GiftCardKind } from '../../../core/loyalty/gift-card';
import { issueGiftCard } from '../domain/gift-cards/issue';
import { loadGiftCard } from '../domain/gift-cards/load';
import { giftCardView } from '../domain/gift-cards/view';
import type { GiftCardAnswer } from '../domain/gift-cards/view';
import { CliFailure, out, withStorage } from './options';
import { formatEuro, iso, printTable } from './print';

/** "25", "25.00", "25,5" → 2500, 2500, 2550 (a card's currency has cents). */
export function centsOption(value: string): number {
  const m = /^(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(value.trim());
  if (!m) throw new InvalidArgumentError('the amount must look like 25 or 25.00 (at most 2 decimals).');
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

const KEY_HELP = 'idempotency key: the same key again changes nothing (default: a new one)';

function cardLine(verb: string, a: GiftCardAnswer): string {
  const what = a.kind === 'store-credit' ? 'store credit' : 'gift card';
  if (a.replayed)
    return `Already done with this key: ${what} ${a.code}, balance ${formatEuro(a.balanceCents, a.currency)}; nothing changed.`;
  return `${verb} ${what} ${a.code}: balance ${formatEuro(a.balanceCents, a.currency)}.`;
}

/**
 * `gift-cards issue|load|show`: what the admin API's gift-card routes do, for an operator at HQ
 * (selling a card at the service desk, topping one up, answering a customer's question).
 */
export function giftCardCommands(program: Command): void {
  const cards = program.command('gift-cards').description('gift cards and store credit: issue, top up, show');

  cards
    .command('issue')
    .description('issue a new gift card (or store credit) with a signed code, and print the code')
    .requiredOption('--store <id>', 'the store that sells it (its currency is the default)')
    .requiredOption('--amount <amount>', 'the value it starts with, e.g. 25.00', centsOption)
    .addOption(
      new Option('--kind <kind>', 'gift-card or store-credit').choices(GIFT_CARD_KINDS).default('gift-card'),
    )
    .option('--currency <code>', 'ISO 4217 code (default: the store’s)')
    .option('--key <key>', KEY_HELP)
    .option('--json', 'print the answer as JSON')
    .action(
      async (
        opts: {
          store: string;
          amount: number;
          kind: GiftCardKind;
          currency?: string;
          key?: string;
          json?: boolean;
        },
        command: Command,
      ) => {
        const r = await withStorage(command, (s) =>
          issueGiftCard(
            s,
            {
              kind: opts.kind,
              amountCents: opts.amount,
              ...(opts.currency ? { currency: opts.currency.toUpperCase() } : {}),
              storeId: opts.store,
              key: opts.key ?? `cli:${randomUUID()}`,
            },
            Date.now(),
          ),
        );
        if (!r.ok) throw new CliFailure(r.message);
        out(opts.json ? JSON.stringify(r.value, null, 2) : cardLine('Issued', r.value));
      },
    );

  cards
    .command('load')
    .description('top up a card the server issued')
    .argument('<code>', 'the card code (spaces and hyphens are ignored)')
    .requiredOption('--amount <amount>', 'the value to add, e.g. 10.00', centsOption)
    .option('--key <key>', KEY_HELP)
    .option('--json', 'print the answer as JSON')
    .action(
      async (code: string, opts: { amount: number; key?: string; json?: boolean }, command: Command) => {
        if (opts.amount < 1) throw new CliFailure('A top-up adds at least 0.01.');
        const r = await withStorage(command, (s) =>
          loadGiftCard(
            s,
            code,
            { amountCents: opts.amount, key: opts.key ?? `cli:${randomUUID()}` },
            Date.now(),
          ),
        );
        if (!r.ok) throw new CliFailure(r.message);
        out(opts.json ? JSON.stringify(r.value, null, 2) : cardLine('Topped up', r.value));
      },
    );

  cards
    .command('show')
    .description('a card’s balance and every change of it')
    .argument('<code>', 'the card code (spaces and hyphens are ignored)')
    .option('--json', 'print the answer as JSON')
    .action(async (code: string, opts: { json?: boolean }, command: Command) => {
      const r = await withStorage(command, (s) => giftCardView(s, code));
      if (!r.ok) throw new CliFailure(r.message);
      const v = r.value;
      if (opts.json) return out(JSON.stringify(v, null, 2));
      out(
        `${v.kind === 'store-credit' ? 'Store credit' : 'Gift card'} ${v.code} (${v.status}), issued by store ${v.issuedStoreId} at ${iso(v.issuedAt)}: balance ${formatEuro(v.balanceCents, v.currency)}.`,
      );
      if (v.balanceCents < 0)
        out('Below zero: tills spent more than it held (see exceptions, gift-card-overdrawn).');
      printTable(
        out,
        ['at', 'change', 'amount', 'terminal', 'store', 'event'],
        v.history.map((h) => [
          iso(h.at),
          h.reason,
          formatEuro(h.amountCents, v.currency),
          h.terminalId,
          h.storeId,
          h.eventId,
        ]),
      );
    });
}
