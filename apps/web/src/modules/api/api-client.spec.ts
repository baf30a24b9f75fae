import { describe, expect, it } from 'vitest';
import { ApiClient } from './api-client';
import { ApiError } from './api-error';

interface RecordedCall {
  url: string;
  method: string;
  body: unknown;
}

function fakeFetch(status: number, body: unknown, calls: RecordedCall[] = []): typeof fetch {
  return (input, init) => {
    calls.push({
      url: input instanceof Request ? input.url : input.toString(),
      method: init?.method ?? 'GET',
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    const text = body === undefined ? null : JSON.stringify(body);
    return Promise.resolve(new Response(text, { status, headers: { 'content-type': 'application/json' } }));
  };
}

describe(ApiClient.name, () => {
  it('should send filters and cursor as query parameters when listing interactions', async () => {
    // Arrange
    const calls: RecordedCall[] = [];
    const client = new ApiClient({ baseUrl: 'http://hub.test', fetch: fakeFetch(200, { items: [], nextCursor: null }, calls) });

    // Act
    await client.listInteractions({ status: 'pending', source: '', q: 'hello world' }, 'abc', 10);

    // Assert
    expect(calls).toEqual([
      { url: 'http://hub.test/api/admin/interactions?status=pending&q=hello+world&cursor=abc&limit=10', method: 'GET', body: undefined },
    ]);
  });

  it('should ask for every status but deleted when the status filter is empty', async () => {
    // Arrange
    const calls: RecordedCall[] = [];
    const client = new ApiClient({ fetch: fakeFetch(200, { items: [], nextCursor: null }, calls) });

    // Act
    await client.listInteractions({ status: '' });

    // Assert
    expect(new URL(calls[0]!.url, 'http://hub.test').searchParams.get('status')).toBe('pending,approved,rejected,spam');
  });

  it('should send rules without nulls when replacing them', async () => {
    // Arrange
    const calls: RecordedCall[] = [];
    const client = new ApiClient({ fetch: fakeFetch(200, { rules: [] }, calls) });

    // Act
    await client.putRules([{ source: 'mastodon', kind: 'like', author: null, note: null }]);

    // Assert
    expect(calls[0]).toEqual({ url: '/api/admin/rules', method: 'PUT', body: { rules: [{ source: 'mastodon', kind: 'like' }] } });
  });

  it('should fill the id into the path and send the status when changing one interaction', async () => {
    // Arrange
    const calls: RecordedCall[] = [];
    const client = new ApiClient({ fetch: fakeFetch(200, { id: 7, status: 'approved' }, calls) });

    // Act
    await client.setStatus(7, 'approved');

    // Assert
    expect(calls).toEqual([{ url: '/api/admin/interactions/7', method: 'PATCH', body: { status: 'approved' } }]);
  });

  it("should throw an ApiError with the server's message when the server refuses", async () => {
    // Arrange
    const client = new ApiClient({ fetch: fakeFetch(409, { error: 'conflict', message: 'Already deleted.' }) });

    // Act
    const error = await client.bulkStatus([1, 2], 'spam').catch((e: unknown) => e);

    // Assert
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: 'conflict', message: 'Already deleted.' });
  });

  it('should call onUnauthorized when an admin call answers 401', async () => {
    // Arrange
    let signedOut = 0;
    const client = new ApiClient({
      fetch: fakeFetch(401, { error: 'unauthorized', message: 'Log in.' }),
      onUnauthorized: () => (signedOut += 1),
    });

    // Act
    await client.sources().catch(() => undefined);

    // Assert
    expect(signedOut).toBe(1);
  });

  it('should report not authenticated without calling onUnauthorized when the session check answers 401', async () => {
    // Arrange
    let signedOut = 0;
    const client = new ApiClient({ fetch: fakeFetch(401, { error: 'unauthorized', message: 'Log in.' }), onUnauthorized: () => (signedOut += 1) });

    // Act
    const authenticated = await client.isAuthenticated();

    // Assert
    expect({ authenticated, signedOut }).toEqual({ authenticated: false, signedOut: 0 });
  });

  it('should build the export download link with the format when asked for JF2', () => {
    // Arrange
    const client = new ApiClient();

    // Act
    const href = client.exportUrl('jf2');

    // Assert
    expect(href).toBe('/api/admin/export?format=jf2');
  });
});
