/**
 * Ctrl-C during a bench: stop what it started (its child processes, by PID) once, then exit 130,
 * so an interrupted run leaves no node or API process behind.
 */
export function stopOnSignal(what: string, stop: () => Promise<void>): void {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      if (stopping) return;
      stopping = true;
      console.error(`bench: ${signal}, stopping ${what}`);
      void stop().finally(() => process.exit(130));
    });
  }
}
