/**
 * HTTP from inside a client host of the test network: the test process talks to a fetch agent
 * (fetch-agent.mjs) running in that host's namespace, over its stdin and stdout.
 */
import { fileURLToPath } from 'node:url';
import type { HostProcess, Network } from './network.js';

const AGENT = fileURLToPath(new URL('./fetch-agent.mjs', import.meta.url));

export interface ClientAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
  /** The body parsed as JSON, or null when it is not JSON. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read answer bodies loosely and assert on them
  readonly body: any;
  readonly ms: number;
}

interface AgentLine {
  readonly id: number | null;
  readonly ready?: boolean;
  readonly error?: string;
  readonly status?: number;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly ms?: number;
}

export class ClientError extends Error {
  override readonly name = 'ClientError';
}

export class HttpClient {
  private nextId = 1;
  private readonly waiting = new Map<number, (line: AgentLine) => void>();
  private readyPromise: Promise<void>;

  private constructor(private readonly agent: HostProcess) {
    let markReady!: () => void;
    this.readyPromise = new Promise((r) => {
      markReady = r;
    });
    agent.onLine((text) => {
      let line: AgentLine;
      try {
        line = JSON.parse(text) as AgentLine;
      } catch {
        return;
      }
      if (line.ready === true) markReady();
      if (line.id === null) return;
      this.waiting.get(line.id)?.(line);
      this.waiting.delete(line.id);
    });
    void agent.exited.then((how) => {
      for (const resolve of this.waiting.values()) resolve({ id: null, error: `agent exited (${how})` });
      this.waiting.clear();
    });
  }

  /** Starts the agent in `host`, trusting `caFile` for https (NODE_EXTRA_CA_CERTS). */
  static async start(net: Network, host: string, caFile: string): Promise<HttpClient> {
    const agent = net.spawn(
      host,
      `fetch-agent@${host}`,
      process.execPath,
      [AGENT],
      { NODE_EXTRA_CA_CERTS: caFile },
      true,
    );
    const client = new HttpClient(agent);
    await Promise.race([
      client.readyPromise,
      agent.exited.then((how) => {
        throw new ClientError(`fetch agent exited (${how}): ${agent.tail()}`);
      }),
    ]);
    return client;
  }

  /** One request; a network failure throws ClientError (an HTTP error status does not). */
  request(
    method: string,
    url: string,
    options: { json?: unknown; token?: string; timeoutMs?: number; headers?: Record<string, string> } = {},
  ): Promise<ClientAnswer> {
    const id = this.nextId++;
    const headers: Record<string, string> = { ...options.headers };
    if (options.json !== undefined) headers['content-type'] = 'application/json';
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, (line) => {
        if (line.error !== undefined || line.status === undefined) {
          reject(new ClientError(`${method} ${url}: ${line.error ?? 'no answer'}`));
          return;
        }
        const text = line.body ?? '';
        let body: unknown = null;
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON: `text` has it
        }
        resolve({ status: line.status, headers: line.headers ?? {}, text, body, ms: line.ms ?? 0 });
      });
      this.agent.write(
        `${JSON.stringify({
          id,
          method,
          url,
          headers,
          ...(options.json !== undefined ? { body: JSON.stringify(options.json) } : {}),
          timeoutMs: options.timeoutMs ?? 30_000,
        })}\n`,
      );
    });
  }

  get(url: string, token?: string): Promise<ClientAnswer> {
    return this.request('GET', url, token !== undefined ? { token } : {});
  }

  post(url: string, json: unknown, token?: string): Promise<ClientAnswer> {
    return this.request('POST', url, { json, ...(token !== undefined ? { token } : {}) });
  }
}
