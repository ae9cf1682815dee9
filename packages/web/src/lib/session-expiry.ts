/**
 * The one channel through which any failed call reports a 401: the auth provider listens and
 * signs the user out with the server's message, so an expired or revoked session is never a
 * silent failure on whichever screen happened to notice it.
 */
type Listener = (message: string) => void;
const listeners = new Set<Listener>();

export function onSessionExpired(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function reportSessionExpired(message: string): void {
  for (const l of listeners) l(message);
}
