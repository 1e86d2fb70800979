import type { FastifyReply, FastifyRequest } from 'fastify';
import { SUPPORTED_SYNC_API } from '../../../core/sync/protocol';
import { sendError } from './errors';

const VERSIONED = /^\/sync\/v(\d+)(?:\/|$|\?)/;

export interface SyncApiRange {
  min: number;
  max: number;
}

/** A version outside `range` answers 426; every version inside it is served. */
export function syncVersionProblem(
  version: number,
  range: SyncApiRange = SUPPORTED_SYNC_API,
): { type: 'client-too-old' | 'client-too-new'; message: string } | undefined {
  const speaks = range.min === range.max ? `v${range.max}` : `v${range.min}–v${range.max}`;
  if (version < range.min) {
    return {
      type: 'client-too-old',
      message: `This terminal speaks sync API v${version}; the server speaks ${speaks}. Update the terminal.`,
    };
  }
  if (version > range.max) {
    return {
      type: 'client-too-new',
      message: `This terminal speaks sync API v${version}; the server speaks only ${speaks}. Update the server.`,
    };
  }
  return undefined;
}

/** An outdated (or newer) terminal gets a clear 426 instead of silent damage: only outside SUPPORTED_SYNC_API. */
export async function versionGuard(req: FastifyRequest, reply: FastifyReply): Promise<void> {
  const m = VERSIONED.exec(req.url);
  if (!m) return;
  const problem = syncVersionProblem(Number(m[1]));
  if (problem) sendError(reply, problem.type, problem.message);
}
