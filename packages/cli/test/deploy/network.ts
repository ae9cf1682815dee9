/**
 * A test network of Linux network namespaces (see network-plan.ts), and the processes that run
 * inside its hosts. Every process is started here, remembered by PID and stopped by that PID
 * (SIGTERM, then SIGKILL); `destroy()` stops what is left and removes every namespace, and
 * `removeLeftovers()` removes namespaces of ours whose test process died without cleaning up.
 * Needs root (CI runs as root) and iproute2.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import {
  type HostSpec,
  NETNS_PREFIX,
  type NetworkPlan,
  netnsOwner,
  type PlannedHost,
  parseNetnsList,
  planNetwork,
} from './network-plan.js';

const OUTPUT_KEEP_CHARS = 64 * 1024;

function ip(args: readonly string[]): string {
  return execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function killQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/** PIDs of the processes inside a namespace (`ip netns pids`). */
function pidsIn(netns: string): number[] {
  try {
    return ip(['netns', 'pids', netns])
      .split('\n')
      .filter((l) => /^\d+$/.test(l.trim()))
      .map(Number);
  } catch {
    return [];
  }
}

/** Processes and networks of this test process, removed if the test process exits early. */
const running = new Set<HostProcess>();
const live = new Set<Network>();
process.once('exit', () => {
  for (const p of running) killQuietly(p.pid, 'SIGKILL');
  for (const net of live) net.removeNamespaces();
});

/** One process inside one host, its output kept (the end of it) for diagnostics. */
export class HostProcess {
  output = '';
  readonly exited: Promise<string>;
  private readonly child: ChildProcess;

  constructor(
    readonly name: string,
    netns: string,
    command: string,
    args: readonly string[],
    env: Readonly<Record<string, string>>,
    withStdin = false,
  ) {
    // `ip netns exec` execs the command: the PID we hold is the command's own.
    this.child = spawn('ip', ['netns', 'exec', netns, command, ...args], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
      stdio: [withStdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      this.output += chunk.toString();
      if (this.output.length > OUTPUT_KEEP_CHARS) this.output = this.output.slice(-OUTPUT_KEEP_CHARS / 2);
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => {
        running.delete(this);
        resolve(signal ?? `code ${code}`);
      }),
    );
    running.add(this);
  }

  /** Each complete line the process writes to stdout. */
  onLine(listener: (line: string) => void): void {
    createInterface({ input: this.child.stdout! }).on('line', listener);
  }

  /** Writes to its stdin (spawned with `withStdin`). */
  write(text: string): void {
    this.child.stdin?.write(text);
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get isRunning(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves once a line of its output matches; rejects if it exits or takes too long. */
  async ready(pattern: RegExp, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.output)) {
      if (!this.isRunning) throw new Error(`${this.name} exited before it was ready:\n${this.tail()}`);
      if (Date.now() > deadline)
        throw new Error(`${this.name} was not ready within ${timeoutMs} ms:\n${this.tail()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  tail(lines = 30): string {
    return this.output.trimEnd().split('\n').slice(-lines).join('\n');
  }

  signal(signal: NodeJS.Signals): void {
    if (this.isRunning) killQuietly(this.pid, signal);
  }

  /** SIGTERM (or `signal`), SIGKILL after `graceMs`; resolves when it has exited. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000): Promise<string> {
    if (!this.isRunning) return this.exited;
    killQuietly(this.pid, signal);
    const timer = setTimeout(() => killQuietly(this.pid, 'SIGKILL'), graceMs);
    const how = await this.exited;
    clearTimeout(timer);
    return how;
  }
}

export class Network {
  private readonly processes: HostProcess[] = [];
  private destroyed = false;

  private constructor(readonly plan: NetworkPlan) {}

  /** Removes leftovers of dead test processes, then makes the namespaces, bridge and links. */
  static create(specs: readonly HostSpec[]): Network {
    Network.removeLeftovers();
    const net = new Network(planNetwork(process.pid, specs));
    live.add(net);
    try {
      for (const args of net.plan.setup) ip(args);
    } catch (e) {
      net.removeNamespaces();
      throw e;
    }
    return net;
  }

  /** Namespaces named after a test process that no longer runs: their processes, then them. */
  static removeLeftovers(): string[] {
    const removed: string[] = [];
    for (const name of Network.ours()) {
      const owner = netnsOwner(name);
      if (owner === null || owner === process.pid || alive(owner)) continue;
      for (const pid of pidsIn(name)) killQuietly(pid, 'SIGKILL');
      try {
        ip(['netns', 'del', name]);
        removed.push(name);
      } catch {
        // removed meanwhile
      }
    }
    return removed;
  }

  /** Every namespace on the machine with our prefix (of any test process). */
  static ours(): string[] {
    return parseNetnsList(ip(['netns', 'list'])).filter((n) => n.startsWith(`${NETNS_PREFIX}-`));
  }

  host(name: string): PlannedHost {
    const h = this.plan.hosts.find((x) => x.name === name);
    if (h === undefined) throw new Error(`no host ${name} in this network`);
    return h;
  }

  address(name: string): string {
    return this.host(name).address;
  }

  /** Runs a command to completion inside a host; throws with its output if it fails. */
  run(host: string, command: string, args: readonly string[], input?: string): string {
    try {
      return execFileSync('ip', ['netns', 'exec', this.host(host).netns, command, ...args], {
        encoding: 'utf8',
        stdio: ['pipe', 'pipe', 'pipe'],
        timeout: 60_000,
        ...(input !== undefined ? { input } : {}),
      });
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string; message: string };
      throw new Error(`${host}: ${command} ${args.join(' ')} failed: ${err.message}\n${err.stderr ?? ''}`);
    }
  }

  spawn(
    host: string,
    name: string,
    command: string,
    args: readonly string[],
    env: Readonly<Record<string, string>> = {},
    withStdin = false,
  ): HostProcess {
    if (this.destroyed) throw new Error('the network is destroyed');
    const p = new HostProcess(name, this.host(host).netns, command, args, env, withStdin);
    this.processes.push(p);
    return p;
  }

  /** Every process started in this network, running or not. */
  get started(): readonly HostProcess[] {
    return this.processes;
  }

  /** Takes a host's link down (it keeps running, unreachable) or back up. */
  setLink(host: string, up: boolean): void {
    ip(['-n', this.host(host).netns, 'link', 'set', 'eth0', up ? 'up' : 'down']);
  }

  /** Stops every process it started (last first) by PID, then removes the namespaces. */
  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    try {
      for (const p of [...this.processes].reverse()) await p.stop('SIGTERM', 5_000);
    } finally {
      this.removeNamespaces();
    }
  }

  /** Synchronous, so that it can run at process exit too. */
  removeNamespaces(): void {
    live.delete(this);
    const names = [...this.plan.hosts.map((h) => h.netns), this.plan.switchNetns];
    const present = new Set(Network.ours());
    for (const name of names) {
      if (!present.has(name)) continue;
      // Only processes this network started can be inside; any still there (a grandchild) goes too.
      for (const pid of pidsIn(name)) killQuietly(pid, 'SIGKILL');
      try {
        ip(['netns', 'del', name]);
      } catch {
        // already removed
      }
    }
  }
}
