import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listRewards, publishRewards, retireReward } from '../../domain/rewards';
import { requireAdmin } from '../auth';
import { refusedAsTooDeep } from '../body-depth';
import type { AppContext } from '../context';
import { errorBody, parseOr422, sendError } from '../errors';

const idParams = z.object({ id: z.string().min(1).max(64) });

/**
 * The rewards catalogue for HQ (its own scope behind the admin token): publish, list and retire
 * rewards — what `kassa-server rewards …` does. A mistake is 422 with the first mistake's path on
 * top and every mistake listed; other content under a published version is 409.
 */
export async function adminRewardsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.addHook('onRequest', async (req, reply) => {
    if (!requireAdmin(ctx, req, reply)) return reply;
  });

  // A reward, or a list of rewards: all published, or none.
  app.post('/admin/rewards', async (req, reply) => {
    const body = req.body;
    if (refusedAsTooDeep(body, reply)) return reply;
    const list = Array.isArray(body) ? body : [body];
    const files = list.map((reward, i) => ({
      source: Array.isArray(body) ? `rewards[${i}]` : 'reward',
      reward,
    }));
    const r = await publishRewards(ctx.storage, files, ctx.clock());
    if (!r.ok) {
      const issues = r.detail ?? [];
      const error = errorBody(r.reason, r.message).error;
      return reply
        .code(r.reason === 'invalid-reward' ? 422 : 409)
        .send({ error: { ...error, path: issues[0]?.path ?? null, issues } });
    }
    req.log.info(
      { rewards: r.value.map((x) => `${x.rewardId}@${x.version}:${x.outcome}`) },
      'rewards published',
    );
    return { rewards: r.value };
  });

  app.get('/admin/rewards', async () => ({ rewards: await listRewards(ctx.storage) }));

  app.post('/admin/rewards/:id/retire', async (req, reply) => {
    const params = parseOr422(idParams, req.params, reply);
    if (!params) return reply;
    const r = await retireReward(ctx.storage, params.id, ctx.clock());
    if (!r.ok) return sendError(reply, r.reason, r.message);
    return r.value;
  });
}
