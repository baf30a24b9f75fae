import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateVAPIDKeys } from 'web-push';

export interface VapidKeys {
  /** Uncompressed P-256 point, base64url: what browsers subscribe with. */
  publicKey: string;
  privateKey: string;
}

export const VAPID_FILE = 'vapid.json';

/**
 * The hub's VAPID key pair from `<data dir>/vapid.json`, generated (mode 0600) on first start.
 * Kept stable because every browser subscription is bound to the public key.
 */
export function loadOrCreateVapidKeys(dataDir: string): VapidKeys {
  const path = join(dataDir, VAPID_FILE);
  if (!existsSync(path)) createKeys(path);
  return parseKeys(readFileSync(path, 'utf8'), path);
}

/** `wx`: when two processes start at once on one data dir, the first file wins and both use it. */
function createKeys(path: string): void {
  try {
    writeFileSync(path, JSON.stringify(generateVAPIDKeys(), null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

function parseKeys(text: string, path: string): VapidKeys {
  const { publicKey, privateKey } = JSON.parse(text) as Partial<VapidKeys>;
  if (typeof publicKey !== 'string' || typeof privateKey !== 'string' || Buffer.from(publicKey, 'base64url').length !== 65 || Buffer.from(privateKey, 'base64url').length !== 32) {
    throw new Error(`${path} does not hold a VAPID key pair ({"publicKey", "privateKey"}, base64url); delete it to generate a new one.`);
  }
  return { publicKey, privateKey };
}

/**
 * The VAPID `sub` claim: the configured contact, else the public URL when it is https (push
 * services accept only `mailto:` and https subjects), else a mailto at the hub's host.
 */
export function vapidSubject(contact: string | null, publicUrl: string): string {
  if (contact) return contact;
  const url = new URL(publicUrl);
  return url.protocol === 'https:' ? url.origin : `mailto:chorus@${url.hostname}`;
}
