/**
 * fetch stubbed at the network boundary: each route answers with a status and a JSON body (or
 * never, to hold a loading state), and every call is recorded with its method, headers and body.
 */
import { vi } from 'vitest';

export interface Reply {
  status?: number;
  body?: unknown;
  /** Never resolve: the call stays in flight. */
  hang?: boolean;
  /** Fail as fetch does when the answer is lost on the way (a TypeError, no status). */
  drop?: boolean;
}
export type Route = Reply | ((call: RecordedCall) => Reply);

export interface RecordedCall {
  method: string;
  url: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

export function stubFetch(routes: Record<string, Route>) {
  const calls: RecordedCall[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    const path = url.replace(/^https?:\/\/[^/]+/, '');
    const method = (init.method ?? 'GET').toUpperCase();
    const call: RecordedCall = {
      method,
      url,
      path,
      headers: { ...(init.headers as Record<string, string>) },
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    const route = routes[`${method} ${path}`] ?? routes[`${method} ${url}`];
    if (route === undefined)
      return new Response(JSON.stringify({ error: `no stub for ${method} ${path}`, message: 'x' }), {
        status: 599,
      });
    const reply = typeof route === 'function' ? route(call) : route;
    if (reply.hang) return new Promise<Response>(() => {});
    if (reply.drop) throw new TypeError('Failed to fetch');
    return new Response(reply.body === undefined ? '' : JSON.stringify(reply.body), {
      status: reply.status ?? 200,
      headers: { 'content-type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return {
    calls,
    fetchMock,
    called: (method: string, path: string) => calls.filter((c) => c.method === method && c.path === path),
  };
}
