import { useSyncExternalStore } from 'react';

export type SessionState = 'checking' | 'signedOut' | 'signedIn';

let session: SessionState = 'checking';
const listeners = new Set<() => void>();

function setSession(next: SessionState): void {
  session = next;
  for (const listener of listeners) listener();
}

export const setSignedIn = () => setSession('signedIn');
export const setSignedOut = () => setSession('signedOut');

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Whether the owner is logged in; changed by login, logout and any 401 from the API. */
export function useSession(): SessionState {
  return useSyncExternalStore(subscribe, () => session);
}
