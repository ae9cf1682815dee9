/**
 * A private PostgreSQL 15 instance inside one host of a test network: its own data directory in
 * a temporary folder owned by the `postgres` user (never the machine's cluster), listening on the
 * host's address, with the role, database and pg_hba lines of docs/operations.md.
 */
import { appendFileSync, chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HostProcess, Network } from './network.js';

export const PG_BIN = '/usr/lib/postgresql/15/bin';

/** Runs as the `postgres` user: setpriv execs, so a spawned server's PID is the postmaster's. */
const AS_POSTGRES = ['--reuid=postgres', '--regid=postgres', '--init-groups', '--'];

function postgresIds(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (line === undefined) throw new Error('no postgres user on this machine (Debian package postgresql-15)');
  const fields = line.split(':');
  return { uid: Number(fields[2]), gid: Number(fields[3]) };
}

export interface PostgresOptions {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
  readonly password: string;
  /** Hosts allowed to connect (one pg_hba line each, /32). */
  readonly clients: readonly string[];
}

export class TestPostgres {
  private server: HostProcess | null = null;
  private readonly dir: string;

  private constructor(
    private readonly net: Network,
    readonly options: PostgresOptions,
  ) {
    this.dir = mkdtempSync(join(tmpdir(), 'cpdeploy-pg-'));
    const { uid, gid } = postgresIds();
    chownSync(this.dir, uid, gid);
  }

  get address(): string {
    return this.net.address(this.options.host);
  }

  get url(): string {
    return this.urlOf(this.options.database);
  }

  urlOf(database: string): string {
    const o = this.options;
    return `postgres://${o.user}:${encodeURIComponent(o.password)}@${this.address}:${o.port}/${database}`;
  }

  /** A database of the API's role, reachable from the same clients (a pg_hba line each). */
  createDatabase(database: string): void {
    this.psql(`create database ${database} owner ${this.options.user}`);
    for (const client of this.options.clients) {
      appendFileSync(
        join(this.dataDir, 'pg_hba.conf'),
        `host ${database} ${this.options.user} ${this.net.address(client)}/32 scram-sha-256\n`,
      );
    }
    this.psql('select pg_reload_conf()');
  }

  private asPostgres(command: string, args: readonly string[], input?: string): string {
    return this.net.run(
      this.options.host,
      'setpriv',
      [...AS_POSTGRES, join(PG_BIN, command), ...args],
      input,
    );
  }

  /** initdb, allow the clients, start, create the role and database. */
  static async create(net: Network, options: PostgresOptions): Promise<TestPostgres> {
    const pg = new TestPostgres(net, options);
    try {
      pg.asPostgres('initdb', [
        '-D',
        pg.dataDir,
        '-U',
        'postgres',
        '--auth-local=peer',
        '--auth-host=scram-sha-256',
        '-E',
        'UTF8',
        '--no-instructions',
      ]);
      for (const client of options.clients) {
        const address = net.address(client);
        appendFileSync(
          join(pg.dataDir, 'pg_hba.conf'),
          `host ${options.database} ${options.user} ${address}/32 scram-sha-256\n`,
        );
      }
      await pg.start();
      const role = `create role ${options.user} login password '${options.password.replace(/'/g, "''")}'`;
      pg.psql(role);
      pg.psql(`create database ${options.database} owner ${options.user}`);
      return pg;
    } catch (e) {
      await pg.destroy();
      throw e;
    }
  }

  private get dataDir(): string {
    return join(this.dir, 'data');
  }

  /** SQL as the superuser over the instance's own socket directory. */
  psql(sql: string): string {
    return this.asPostgres('psql', [
      '-h',
      this.dir,
      '-p',
      String(this.options.port),
      '-U',
      'postgres',
      '-v',
      'ON_ERROR_STOP=1',
      '-tAc',
      sql,
    ]);
  }

  async start(): Promise<void> {
    this.server = this.net.spawn(this.options.host, 'postgres', 'setpriv', [
      ...AS_POSTGRES,
      join(PG_BIN, 'postgres'),
      '-D',
      this.dataDir,
      '-c',
      `listen_addresses=${this.address}`,
      '-c',
      `port=${this.options.port}`,
      '-c',
      `unix_socket_directories=${this.dir}`,
    ]);
    await this.server.ready(/database system is ready to accept connections/, 30_000);
  }

  /** Fast shutdown (SIGINT) by PID, or SIGKILL for a crash. */
  async stop(signal: NodeJS.Signals = 'SIGINT'): Promise<void> {
    await this.server?.stop(signal, 15_000);
    this.server = null;
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
