import { Inject, Injectable } from '@nestjs/common';
import { request } from 'undici';
import { generateRequestDetails } from 'web-push';
import { PublicUrl } from '../common/public-url';
import type { ChorusConfig } from '../config/config';
import { CHORUS_CONFIG } from '../config/config.module';
import type { PushMessage } from './push-message';
import { vapidSubject, type VapidKeys } from './vapid-keys';

/** Injection token of the hub's `VapidKeys`. */
export const VAPID_KEYS = Symbol('VapidKeys');

/** A pending interaction is news for a day; after that the push service may drop it. */
const TTL_SECONDS = 24 * 60 * 60;

export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

export interface PushResponse {
  status: number;
  /** Retry-After of a 429/503, in seconds, when given. */
  retryAfterSeconds: number | null;
  body: string;
}

/**
 * Sends one Web Push message: encrypted for the browser (RFC 8291, aes128gcm) and signed with the
 * hub's VAPID key (RFC 8292) by `web-push`, posted with undici (web-push's own sender speaks https only).
 */
@Injectable()
export class PushSender {
  constructor(
    @Inject(VAPID_KEYS) private readonly keys: VapidKeys,
    @Inject(CHORUS_CONFIG) private readonly config: ChorusConfig,
    private readonly publicUrl: PublicUrl,
  ) {}

  async send(target: PushTarget, message: PushMessage): Promise<PushResponse> {
    const details = generateRequestDetails({ endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } }, JSON.stringify(message), {
      TTL: TTL_SECONDS,
      contentEncoding: 'aes128gcm',
      vapidDetails: { subject: vapidSubject(this.config.pushContact, this.publicUrl.get()), ...this.keys },
    });
    const headers = Object.fromEntries(Object.entries(details.headers).map(([name, value]) => [name, String(value)]));
    const response = await request(details.endpoint, {
      method: 'POST',
      headers,
      body: details.body ?? undefined,
      signal: AbortSignal.timeout(this.config.fetch.timeoutMs),
    });
    const body = (await response.body.text()).slice(0, 500);
    const retryAfter = Number(response.headers['retry-after']);
    return { status: response.statusCode, retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null, body };
  }
}
