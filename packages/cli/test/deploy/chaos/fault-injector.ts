/**
 * Turns a scheduled fault (fault-schedule.ts) into actions on a running Deployment: processes
 * killed and restarted by PID, links taken down in a host's namespace, PostgreSQL restarted, a
 * node restarted with its clock ahead. Every fault has its heal.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ApiName, Deployment, NodeName } from '../deployment.js';
import type { Fault } from './fault-schedule.js';

const CLOCK_SKEW = fileURLToPath(new URL('./clock-skew.mjs', import.meta.url));
export const CLOCK_AHEAD_MS = 10 * 60_000;

/** PIDs of the direct children of `pid` (a node's miner). */
function childrenOf(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => /^\d+$/.test(l))
      .map(Number);
  } catch {
    return []; // ps exits 1 when there are none
  }
}

export class FaultInjector {
  constructor(private readonly d: Deployment) {}

  private process(name: string) {
    const p = this.d.processes.get(name);
    if (p === undefined) throw new Error(`no process ${name} in the deployment`);
    return p;
  }

  async inject(f: Fault): Promise<void> {
    switch (f.kind) {
      case 'kill-node':
      case 'kill-api':
        await this.process(f.target).stop('SIGKILL');
        return;
      case 'kill-miner':
        // The node forks a new miner at its next block; a miner idle at this moment may not exist.
        for (const pid of childrenOf(this.process(f.target).pid)) process.kill(pid, 'SIGKILL');
        return;
      case 'cut-node':
        this.d.net.setLink(f.target, false);
        return;
      case 'restart-postgres':
        await this.d.db.stop('SIGINT');
        return;
      case 'clock-ahead':
        await this.process(f.target).stop('SIGTERM');
        await this.d.startNode(f.target as NodeName, ['--import', CLOCK_SKEW], {
          CHARTPROOF_TEST_CLOCK_OFFSET_MS: String(CLOCK_AHEAD_MS),
        });
        return;
    }
  }

  async heal(f: Fault): Promise<void> {
    switch (f.kind) {
      case 'kill-node':
        await this.d.startNode(f.target as NodeName);
        return;
      case 'kill-api':
        await this.d.startApi(f.target as ApiName);
        return;
      case 'kill-miner':
        return;
      case 'cut-node':
        this.d.net.setLink(f.target, true);
        return;
      case 'restart-postgres':
        await this.d.db.start();
        return;
      case 'clock-ahead':
        await this.process(f.target).stop('SIGTERM');
        await this.d.startNode(f.target as NodeName);
        return;
    }
  }
}
