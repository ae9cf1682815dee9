/**
 * The demo users' passwords are public (contract 3.7): an API reachable from other machines must
 * not hold them unless someone asked for a demo by name. The rule is pure (`demoExposureProblem`);
 * `demoPresence` reads what the database holds, as `seedDemo` would judge it.
 */
import { isIP } from 'node:net';
import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import { DEMO } from './demo.js';

/** Whether `host` (a listen address) is reachable from this machine only. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (h === 'localhost' || h === '::1') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  return /^::ffff:127\./.test(h);
}

export interface DemoPresence {
  /** A demo user exists, or the demo's seeding began. */
  readonly present: boolean;
  /** An empty database, which an API in demo mode would fill with the demo users. */
  readonly seedable: boolean;
}

export async function demoPresence(db: Kysely<Database>): Promise<DemoPresence> {
  const meta = await db
    .selectFrom('meta')
    .select('key')
    .where('key', 'in', ['demo', 'demo_started'])
    .execute();
  const keys = new Set(meta.map((m) => m.key));
  const demoCa = await db
    .selectFrom('users')
    .select('id')
    .where('id', '=', DEMO.centralAuthority.id)
    .executeTakeFirst();
  const others = await db
    .selectFrom('users')
    .select('id')
    .where('id', '!=', DEMO.centralAuthority.id)
    .limit(1)
    .executeTakeFirst();
  return {
    present: demoCa !== undefined || keys.has('demo_started'),
    seedable: !keys.has('demo') && others === undefined,
  };
}

/** One line saying why the API must not start, or null. */
export function demoExposureProblem(input: {
  readonly host: string;
  readonly demo: boolean;
  readonly demoExplicit: boolean;
  readonly presence: DemoPresence;
}): string | null {
  const { host, demo, demoExplicit, presence } = input;
  if (isLoopbackHost(host) || demoExplicit) return null;
  if (!presence.present && !(demo && presence.seedable)) return null;
  const what = presence.present
    ? 'this database holds the demo users'
    : 'an empty database gets the demo users';
  return (
    `refusing to listen on ${host}: ${what}, whose passwords are public; ` +
    'set CHARTPROOF_DEMO=true (chartproof api --demo) to run a demo there, ' +
    'or start from "chartproof init" for a real system'
  );
}
