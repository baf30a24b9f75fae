import { HUB_VERSION } from '../http/safe-fetcher.provider';

/** How Chorus introduces itself to the owner's instance: `Chorus/0.1.0 (+https://hub.example)`. */
export function chorusUserAgent(publicUrl: string): string {
  return `Chorus/${HUB_VERSION} (+${publicUrl})`;
}
