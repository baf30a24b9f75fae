import type { HubClient, WebmentionStatus } from './api-client';

/** Pauses between status checks: the hub verifies after a short random delay, so ask a few times, then stop. */
export const STATUS_CHECK_DELAYS_MS = [1000, 2000, 3000, 5000, 8000];

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Asks `GET /webmention/:id` until it is no longer queued or the delays run out; reports every answer. */
export async function watchWebmention(
  client: Pick<HubClient, 'webmentionStatus'>,
  first: WebmentionStatus,
  onStatus: (status: WebmentionStatus) => void,
  { delays = STATUS_CHECK_DELAYS_MS, sleep = abortableSleep, signal }: { delays?: number[]; sleep?: Sleep; signal?: AbortSignal } = {},
): Promise<WebmentionStatus> {
  let status = first;
  onStatus(status);
  for (const delay of delays) {
    if (status.status !== 'queued') break;
    await sleep(delay, signal);
    status = await client.webmentionStatus(first.id, signal);
    onStatus(status);
  }
  return status;
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      },
      { once: true },
    );
  });
}
