/**
 * Runs the API: builds the app, listens, starts the background work, and closes gracefully on
 * SIGINT/SIGTERM (stop accepting, finish requests in flight, flush the audit log, close storage).
 */
import { type ApiApp, buildApp } from './app.js';
import type { ApiConfig } from './config.js';

export interface RunningApi {
  readonly api: ApiApp;
  readonly url: string;
  close(): Promise<void>;
}

export async function startServer(config: ApiConfig): Promise<RunningApi> {
  const api = await buildApp(config);
  let address: string;
  try {
    address = await api.app.listen({ host: config.host, port: config.port });
  } catch (e) {
    await api.close();
    throw e;
  }
  api.startBackground();
  return { api, url: address, close: () => api.close() };
}
