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
