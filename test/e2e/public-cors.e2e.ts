import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http } from '../support/http';
import { startServer, type RunningServer } from '../support/server';

const PREFLIGHT = { origin: 'https://blog.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match' };

describe('CORS of the public endpoints', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({ env: { CHORUS_TARGET_DOMAINS: 'blog.example' } });
  });
  afterAll(async () => {
    await server.stop();
  });

  it.each(['/api/interactions?url=https%3A%2F%2Fblog.example%2Fa', '/api/interactions.html', '/api/mentions.jf2', '/api/count', '/api/mastodon/toot', '/webmention', '/webmention/1', '/widget.js'])(
    'should answer a preflight for %s with 204 and the allowed methods and headers',
    async (path) => {
      // Arrange / Act
      const response = await http(server, 'OPTIONS', path, { headers: PREFLIGHT });

      // Assert
      expect(response.status).toBe(204);
      expect(response.headers).toMatchObject({
        'access-control-allow-origin': '*',
        'access-control-allow-methods': 'GET, POST',
        'access-control-allow-headers': 'If-None-Match, Content-Type',
        'access-control-max-age': '86400',
      });
    },
  );

  it('should let a page read the Location of an accepted webmention and the error of a refused one', async () => {
    // Arrange
    // A loopback source that refuses connections: verification later fails without leaving the machine.
    const form = { source: 'http://127.0.0.1:9/notes/1', target: 'https://blog.example/a' };

    // Act
    const accepted = await http(server, 'POST', '/webmention', { form, headers: { origin: 'https://alice.example' } });
    const status = await http(server, 'GET', new URL(accepted.headers.location!).pathname, { headers: { origin: 'https://alice.example' } });
    const refused = await http(server, 'POST', '/webmention', { form: { source: 'nope', target: form.target } });

    // Assert
    expect(accepted.status).toBe(201);
    for (const response of [accepted, status, refused]) {
      expect(response.headers['access-control-allow-origin']).toBe('*');
      expect(response.headers['access-control-expose-headers']).toBe('Location, ETag');
    }
    expect(refused.status).toBe(400);
  });

  it('should send no CORS headers on admin and auth routes, preflight or not', async () => {
    // Arrange / Act
    const preflight = await http(server, 'OPTIONS', '/api/admin/interactions', { headers: PREFLIGHT });
    const list = await http(server, 'GET', '/api/admin/interactions', { auth: 'token', headers: { origin: 'https://evil.example' } });
    const session = await http(server, 'GET', '/api/auth/session', { headers: { origin: 'https://evil.example' } });

    // Assert
    expect(preflight.status).toBe(404);
    expect(list.status).toBe(200);
    for (const response of [preflight, list, session]) expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });
});
