/**
 * The reader's own Mastodon server, from whatever they typed: `mastodon.social`,
 * `https://mastodon.social/@me`, `@me@mastodon.social`. Null when it is not a host name.
 */
export function normalizeInstance(input: string): string | null {
  let value = input.trim().toLowerCase();
  if (!value) return null;
  if (!value.includes('://')) {
    const handle = /^@?[^@\s/]+@([^@\s/]+)$/.exec(value);
    value = `https://${handle ? handle[1] : value}`;
  }
  try {
    const url = new URL(value);
    const hostOk = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(url.hostname);
    return (url.protocol === 'https:' || url.protocol === 'http:') && hostOk && !url.username ? url.host : null;
  } catch {
    return null;
  }
}

/** Where the reader answers a toot from their own account (Mastodon's remote-interaction page). */
export function authorizeInteractionUrl(instance: string, tootUrl: string): string {
  return `https://${instance}/authorize_interaction?uri=${encodeURIComponent(tootUrl)}`;
}

const INSTANCE_KEY = 'chorus-comments:mastodon-instance';

/** Remembers the reader's server in `localStorage`; storage that is blocked or full is ignored. */
export class InstanceMemory {
  constructor(private readonly storage: Pick<Storage, 'getItem' | 'setItem'> | null) {}

  recall(): string | null {
    try {
      return normalizeInstance(this.storage?.getItem(INSTANCE_KEY) ?? '');
    } catch {
      return null;
    }
  }

  remember(instance: string): void {
    try {
      this.storage?.setItem(INSTANCE_KEY, instance);
    } catch {
      // Private browsing or a sandboxed frame: the reader simply types it again next time.
    }
  }
}
