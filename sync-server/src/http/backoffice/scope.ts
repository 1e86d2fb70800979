import type { FastifyReply } from 'fastify';
import type { ActiveSession } from '../../domain/backoffice/sessions';
import { errorBody } from '../errors';

/** A store this session may see and act on: every store for an HQ admin, their own for a manager. */
export const mayUse = (s: ActiveSession, storeId: string): boolean =>
  s.user.role === 'hq-admin' || s.user.storeIds.includes(storeId);

/**
 * The stores a list may show for `?store=`: that one if it is the user's, else their own (undefined =
 * every store, an HQ admin's). 'forbidden' = another store was asked for.
 */
export function storeScope(
  s: ActiveSession,
  store: string | undefined,
): readonly string[] | undefined | 'forbidden' {
  if (store !== undefined) return mayUse(s, store) ? [store] : 'forbidden';
  return s.user.role === 'hq-admin' ? undefined : s.user.storeIds;
}

export const forbidden = (reply: FastifyReply, storeId: string | undefined) =>
  reply.code(403).send(errorBody('store-forbidden', `Store ${storeId ?? ''} is not one of yours.`));
