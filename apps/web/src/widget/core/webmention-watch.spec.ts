import { describe, expect, it } from 'vitest';
import type { WebmentionStatus } from './api-client';
import { watchWebmention } from './webmention-watch';

describe(watchWebmention.name, () => {
  const noWait = () => Promise.resolve();

  it('should ask again until the webmention is no longer queued', async () => {
    // Arrange
    const answers: WebmentionStatus[] = [
      { id: 5, status: 'queued', reason: null },
      { id: 5, status: 'rejected', reason: 'no_link_to_target' },
    ];
    const client = { webmentionStatus: () => Promise.resolve(answers.shift()!) };
    const seen: string[] = [];

    // Act
    const final = await watchWebmention(client, { id: 5, status: 'queued', reason: null }, (status) => seen.push(status.status), {
      delays: [10, 10, 10, 10],
      sleep: noWait,
    });

    // Assert
    expect(final).toEqual({ id: 5, status: 'rejected', reason: 'no_link_to_target' });
    expect(seen).toEqual(['queued', 'queued', 'rejected']);
  });

  it('should stop asking when the delays run out', async () => {
    let asked = 0;
    const client = {
      webmentionStatus: () => {
        asked += 1;
        return Promise.resolve<WebmentionStatus>({ id: 5, status: 'queued', reason: null });
      },
    };

    const final = await watchWebmention(client, { id: 5, status: 'queued', reason: null }, () => undefined, { delays: [1, 1, 1], sleep: noWait });

    expect(asked).toBe(3);
    expect(final.status).toBe('queued');
  });

  it('should stop waiting when aborted', async () => {
    const controller = new AbortController();
    const client = { webmentionStatus: () => Promise.resolve<WebmentionStatus>({ id: 5, status: 'queued', reason: null }) };

    const watching = watchWebmention(client, { id: 5, status: 'queued', reason: null }, () => undefined, {
      delays: [60_000],
      signal: controller.signal,
    });
    controller.abort(new Error('unmounted'));

    await expect(watching).rejects.toThrow('unmounted');
  });
});
