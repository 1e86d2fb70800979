import type { Command } from 'commander';
import { claimPoints } from '../domain/server-stream/points-claim';
import { out, withStorage } from './options';

/**
 * `claims redeem <token> --member <card|id>`: what `POST /claims` does, for an operator with a
 * receipt in hand (a shopper at the service desk). Exit 1 with the readable reason when refused.
 */
export function claimsCommand(program: Command): void {
  const claims = program.command('claims').description('points of receipts without a member, claimed later');
  claims
    .command('redeem')
    .description("book a receipt's points on a member, once (the same member again changes nothing)")
    .argument('<token>', 'the claim code of the receipt (KASSA-C1:…)')
    .requiredOption('--member <card|id>', "the member's card number or member id")
    .option('--json', 'print the answer as JSON')
    .action(async (token: string, opts: { member: string; json?: boolean }, command: Command) => {
      const r = await withStorage(command, async (s) => {
        const key = opts.member.trim();
        const byId = await s.members.get(key);
        return claimPoints(s, { token, ...(byId ? { memberId: key } : { card: key }) }, Date.now());
      });
      if (!r.ok) throw new Error(r.message);
      const a = r.value;
      if (opts.json) return out(JSON.stringify(a, null, 2));
      out(
        a.replayed
          ? `Already claimed by member ${a.memberId}: ${a.points} points (sale ${a.saleId} of terminal ${a.terminalId}); nothing changed.`
          : `Claimed ${a.points} points for member ${a.memberId} (sale ${a.saleId} of terminal ${a.terminalId}).`,
      );
    });
}
