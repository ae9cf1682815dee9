/** Public: the service's health, and which network and nodes a client can check proofs against. */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { nodeHttpUrls } from '../config.js';
import { errorBody } from '../errors.js';
import type { RouteDeps } from './deps.js';

export async function networkRoutes(app: FastifyInstance, { ctx, checkpoints }: RouteDeps): Promise<void> {
  app.get(
    '/api/network',
    { schema: { tags: ['network'], summary: 'The genesis and the nodes’ read-only HTTP URLs' } },
    async () => ({
      network: ctx.genesis.doc.network,
      genesis_hash: ctx.genesis.hash,
      genesis: ctx.genesis.doc,
      nodes: nodeHttpUrls(ctx.config.nodeUrls),
    }),
  );

  app.get(
    '/api/health',
    { schema: { tags: ['network'], summary: 'Liveness of the database and the chain' } },
    async (_request, reply) => {
      let database = 'ok';
      try {
        await sql`select 1`.execute(ctx.db);
      } catch {
        database = 'unavailable';
      }
      let chain: Record<string, unknown>;
      try {
        const s = await ctx.chain.status();
        chain = { status: s.genesis === ctx.genesis.hash ? 'ok' : 'wrong network', height: s.height };
      } catch {
        chain = { status: 'unavailable' };
      }
      const healthy = database === 'ok';
      const stall = checkpoints.stalled;
      const audit = stall === null ? { status: 'ok' } : { status: 'stalled', ...stall };
      const seeded =
        database === 'ok' && ctx.config.demo
          ? await ctx.db.selectFrom('meta').select('key').where('key', '=', 'demo').executeTakeFirst()
          : undefined;
      const demo = !ctx.config.demo ? 'off' : seeded !== undefined ? 'ready' : 'seeding';
      // A stalled audit chain degrades the service but does not take it out of rotation (200).
      const body = { status: healthy && stall === null ? 'ok' : 'degraded', database, chain, audit, demo };
      return reply
        .status(healthy ? 200 : 503)
        .send(healthy ? body : { ...body, ...errorBody('Database unavailable') });
    },
  );
}
