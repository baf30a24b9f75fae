import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http } from '../support/http';
import { startServer, type RunningServer } from '../support/server';

describe('admin authentication', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('should answer 401 with the one error shape when no credentials are sent', async () => {
    const response = await http(server, 'GET', '/api/admin/interactions');
    expect(response.status).toBe(401);
    expect(response.json).toEqual({ error: 'unauthorized', message: expect.stringContaining('CHORUS_API_TOKEN') });
  });

  it('should answer 401 for a wrong bearer token and 200 for the right one', async () => {
    expect((await http(server, 'GET', '/api/admin/interactions', { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
    const ok = await http(server, 'GET', '/api/admin/interactions', { auth: 'token' });
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual({ items: [], nextCursor: null });
  });

  it('should refuse a wrong password and log in, keep and end a session with the right one', async () => {
    const wrong = await http(server, 'POST', '/api/auth/login', { body: { password: 'wrong' } });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error).toBe('unauthorized');

    const login = await http(server, 'POST', '/api/auth/login', { body: { password: server.adminPassword } });
    expect(login.status).toBe(200);
    const cookie = login.headers['set-cookie']!;
    expect(cookie).toMatch(/^chorus_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    const session = cookie.split(';')[0]!;

    expect((await http(server, 'GET', '/api/admin/interactions', { headers: { cookie: session } })).status).toBe(200);
    expect((await http(server, 'GET', '/api/auth/session', { headers: { cookie: session } })).status).toBe(200);

    const logout = await http(server, 'POST', '/api/auth/logout', { headers: { cookie: session } });
    expect(logout.status).toBe(200);
    expect(logout.headers['set-cookie']).toContain('Max-Age=0');
    expect((await http(server, 'GET', '/api/admin/interactions', { headers: { cookie: session } })).status).toBe(401);
  });

  it('should refuse cookie-authenticated changes that are not JSON (cross-site form posts)', async () => {
    const login = await http(server, 'POST', '/api/auth/login', { body: { password: server.adminPassword } });
    const session = login.headers['set-cookie']!.split(';')[0]!;
    const response = await http(server, 'POST', '/api/admin/blocklist', { form: { value: 'spam.example' }, headers: { cookie: session } });
    expect(response.status).toBe(415);
    expect((await http(server, 'GET', '/api/admin/blocklist', { auth: 'token' })).json.items).toEqual([]);
  });

  it('should rate-limit login attempts per client address', async () => {
    const fresh = await startServer();
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) statuses.push((await http(fresh, 'POST', '/api/auth/login', { body: { password: `guess-${i}` } })).status);
      expect(statuses.slice(0, 10).every((status) => status === 401)).toBe(true);
      const limited = await http(fresh, 'POST', '/api/auth/login', { body: { password: fresh.adminPassword } });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.json.error).toBe('rate_limited');
    } finally {
      await fresh.stop();
    }
  });

  it('should validate the login body', async () => {
    const response = await http(server, 'POST', '/api/auth/login', { body: { pass: 'x' } });
    expect(response.status).toBe(400);
    expect(response.json.error).toBe('invalid_request');
    const broken = await http(server, 'POST', '/api/auth/login', { body: '{"password": ' });
    expect(broken.status).toBe(400);
    expect(broken.json.error).toBe('invalid_body');
  });
});
