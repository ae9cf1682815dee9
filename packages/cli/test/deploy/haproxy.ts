/**
 * HAProxy in front of the API servers: the configuration of docs/operations.md (rendered by a
 * pure function, so the test runs what the document shows), and the process, in the foreground.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HostProcess, Network } from './network.js';

export interface HaproxyConfig {
  /** `address:port` to bind. */
  readonly bind: string;
  /** PEM file holding the certificate chain and its key (HAProxy's `crt`). */
  readonly certificate: string;
  /** `name → address:port` of every API server. */
  readonly servers: ReadonlyArray<{ readonly name: string; readonly address: string }>;
}

export function renderHaproxyConfig(c: HaproxyConfig): string {
  return `global
    maxconn 2000

defaults
    mode http
    timeout connect 5s
    # A connection refused (a server stopping for an upgrade) is retried on another server.
    retries 2
    option redispatch
    # A record creation waits for the chain's acknowledgement (up to a minute).
    timeout client 90s
    timeout server 90s

frontend chartproof
    bind ${c.bind} ssl crt ${c.certificate}
    # Prometheus metrics stay on the internal network.
    http-request deny deny_status 403 if { path /metrics } || { path_beg /metrics/ }
    default_backend api

backend api
    balance roundrobin
    # The client's address, appended for the API servers (their TRUST_PROXY names this host).
    option forwardfor
    option httpchk GET /api/health
    http-check expect status 200
${c.servers.map((s) => `    server ${s.name} ${s.address} check inter 2s fall 2 rise 2`).join('\n')}
`;
}

/** Writes the configuration, checks it (`haproxy -c`), and runs HAProxy in the foreground. */
export function startHaproxy(net: Network, host: string, dir: string, config: HaproxyConfig): HostProcess {
  const file = join(dir, 'haproxy.cfg');
  writeFileSync(file, renderHaproxyConfig(config));
  net.run(host, 'haproxy', ['-c', '-f', file]);
  return net.spawn(host, 'haproxy', 'haproxy', ['-db', '-f', file]);
}
