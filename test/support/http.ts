import { request } from 'undici';
import type { RunningServer } from './server';

export interface HttpResult<T = unknown> {
  status: number;
  headers: Record<string, string>;
  text: string;
  json: T;
}

/** One HTTP call with undici; `auth: 'token'` sends the server's bearer token. */
export async function http<T = any>(
  server: Pick<RunningServer, 'url' | 'apiToken'>,
  method: string,
  path: string,
  options: { body?: unknown; form?: Record<string, string>; headers?: Record<string, string>; auth?: 'token' | 'none' } = {},
): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.auth === 'token') headers.authorization = `Bearer ${server.apiToken}`;
  let body: string | undefined;
  if (options.form) {
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
    body = new URLSearchParams(options.form).toString();
  } else if (options.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  const response = await request(`${server.url}${path}`, { method: method as 'GET', headers, body });
  const text = await response.body.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(response.headers)) flat[key] = Array.isArray(value) ? value.join(', ') : String(value);
  return { status: response.statusCode, headers: flat, text, json: json as T };
}

/** Seeds interactions through the admin import (the export format). */
export async function seed(server: RunningServer, items: Record<string, unknown>[]): Promise<Record<string, number>> {
  const result = await http<{ ids: Record<string, number> }>(server, 'POST', '/api/admin/import', { body: { items }, auth: 'token' });
  if (result.status !== 201 && result.status !== 200) throw new Error(`seeding failed: ${result.status} ${result.text}`);
  return result.json.ids;
}

export async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
