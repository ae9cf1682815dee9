/**
 * Child processes of `chartproof up`: spawn, wait until ready (a line on stdout), and stop by
 * PID in reverse order of start — SIGTERM first, SIGKILL if one does not exit in time.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface Child {
  readonly name: string;
  readonly proc: ChildProcess;
  /** Resolves with the exit code (or signal) when the process ends. */
  readonly exited: Promise<string>;
}

export async function startChild(
  name: string,
  command: string,
  args: readonly string[],
  ready: RegExp,
  timeoutMs = 30_000,
): Promise<{ child: Child; line: string }> {
  const proc = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<string>((resolve) =>
    proc.once('exit', (code, signal) => resolve(signal ?? `code ${code}`)),
  );
  const child: Child = { name, proc, exited };
  const lines = createInterface({ input: proc.stdout! });
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name} did not become ready within ${timeoutMs} ms`)),
      timeoutMs,
    );
    lines.on('line', (l) => {
      process.stdout.write(`[${name}] ${l}\n`);
      if (ready.test(l)) {
        clearTimeout(timer);
        resolve(l);
      }
    });
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${how}) before it was ready`));
    });
  });
  return { child, line };
}

export async function stopChild(child: Child, graceMs = 10_000): Promise<void> {
  if (child.proc.exitCode !== null || child.proc.signalCode !== null) return;
  child.proc.kill('SIGTERM');
  const timer = setTimeout(() => child.proc.kill('SIGKILL'), graceMs);
  await child.exited;
  clearTimeout(timer);
}

export async function stopAll(children: readonly Child[]): Promise<void> {
  for (const c of [...children].reverse()) await stopChild(c);
}

/**
 * A child that is started again when it crashes (after a second, and reported), unless it crashes
 * `maxRestarts` times within a minute: then `onGiveUp` is told and it stays down.
 */
export class Supervised {
  child!: Child;
  private stopped = false;
  private readonly crashes: number[] = [];

  private constructor(
    readonly name: string,
    private readonly command: string,
    private readonly args: readonly string[],
    private readonly ready: RegExp,
    private readonly onGiveUp: (why: string) => void,
    private readonly maxRestarts = 5,
  ) {}

  static async start(
    name: string,
    command: string,
    args: readonly string[],
    ready: RegExp,
    onGiveUp: (why: string) => void,
  ): Promise<Supervised> {
    const s = new Supervised(name, command, args, ready, onGiveUp);
    await s.spawn();
    return s;
  }

  private async spawn(): Promise<void> {
    const { child } = await startChild(this.name, this.command, this.args, this.ready);
    this.child = child;
    void child.exited.then((how) => this.onExit(how));
  }

  private onExit(how: string): void {
    if (this.stopped) return;
    const now = Date.now();
    this.crashes.push(now);
    while (this.crashes.length > 0 && this.crashes[0]! < now - 60_000) this.crashes.shift();
    if (this.crashes.length >= this.maxRestarts) {
      this.onGiveUp(`${this.name} exited (${how}) ${this.crashes.length} times within a minute`);
      return;
    }
    process.stdout.write(`chartproof up: ${this.name} exited (${how}); restarting it in 1 s\n`);
    setTimeout(() => {
      if (this.stopped) return;
      this.spawn().then(
        () => process.stdout.write(`chartproof up: ${this.name} is back\n`),
        (e: unknown) => this.onExit((e as Error).message),
      );
    }, 1_000);
  }

  /** From now on an exit is expected (Ctrl-C reaches the children too): never restart. */
  release(): void {
    this.stopped = true;
  }

  async stop(): Promise<void> {
    this.release();
    if (this.child !== undefined) await stopChild(this.child);
  }
}
