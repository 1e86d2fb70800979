import type { FastifyReply, FastifyRequest } from 'fastify';
import { SYNC_API_VERSION } from '../../../core/sync/protocol';
import { sendError } from './errors';

const VERSIONED = /^\/sync\/v(\d+)(?:\/|$|\?)/;

/** An outdated (or newer) terminal gets a clear 426 instead of silent damage. */
export async function versionGuard(req: FastifyRequest, reply: FastifyReply): Promise<void> {
  const m = VERSIONED.exec(req.url);
  if (!m) return;
  const version = Number(m[1]);
  if (version < SYNC_API_VERSION) {
    sendError(
      reply,
      'client-too-old',
      `This terminal speaks sync API v${version}; the server speaks v${SYNC_API_VERSION}. Update the terminal.`,
    );
  } else if (version > SYNC_API_VERSION) {
    sendError(
      reply,
      'client-too-new',
      `This terminal speaks sync API v${version}; the server speaks only v${SYNC_API_VERSION}. Update the server.`,
    );
  }
}
