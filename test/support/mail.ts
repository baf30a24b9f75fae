import { execFile } from 'node:child_process';
import { createServer, Socket } from 'node:net';
import { createTransport } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { http } from './http';
import type { RunningServer } from './server';
import { findBinary } from './system-packages';

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface SwaksResult {
  code: number;
  output: string;
}

/** Runs swaks against `port` on 127.0.0.1 (from `localAddress` when given) and returns its exit code and transcript. */
export function swaks(port: number, args: string[], localAddress?: string): Promise<SwaksResult> {
  const binary = findBinary('swaks');
  if (!binary) throw new Error('swaks is not installed: call ensurePackages([\'swaks\']) first');
  const base = ['--server', '127.0.0.1', '--port', String(port), '--helo', 'client.example', '--timeout', '20'];
  const local = localAddress ? ['--local-interface', localAddress] : [];
  return new Promise((resolve) => {
    execFile(binary, [...base, ...local, ...args], { timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

/** A nodemailer transport to the hub's SMTP port: plain (no STARTTLS) unless `tls` is asked for. */
export function smtpTransport(port: number, options: { localAddress?: string; pool?: number; tls?: boolean } = {}) {
  const transport: SMTPTransport.Options & { pool?: boolean; maxConnections?: number; maxMessages?: number } = {
    host: '127.0.0.1',
    port,
    secure: false,
    name: 'client.example',
    ignoreTLS: !options.tls,
    requireTLS: options.tls ?? false,
    tls: { rejectUnauthorized: false },
    ...(options.localAddress ? { localAddress: options.localAddress } : {}),
    ...(options.pool ? { pool: true, maxConnections: options.pool, maxMessages: Infinity } : {}),
  };
  return createTransport(transport);
}

/** Opens a raw SMTP connection and resolves with the first line the server sends. */
export function smtpGreeting(port: number, localAddress?: string): Promise<{ socket: Socket; greeting: string; closed: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const opened = Date.now();
    const socket = new Socket();
    const closed = new Promise<number>((resolveClose) => socket.once('close', () => resolveClose(Date.now() - opened)));
    socket.once('error', reject);
    socket.once('data', (chunk: Buffer) => resolve({ socket, greeting: chunk.toString(), closed }));
    socket.connect({ host: '127.0.0.1', port, ...(localAddress ? { localAddress } : {}) });
  });
}

/** An interaction as the admin export shows it (with its dedupe key: for email the Message-ID). */
export interface ExportedItem {
  id: number;
  source: string;
  dedupeKey: string;
  status: string;
  parentId: number | null;
  url: string;
  author: { name: string | null; email: string | null };
  content: { html: string; text: string } | null;
  verification: Record<string, unknown> | null;
}

/** Every email interaction in the store, any status, through the admin export. */
export async function emailItems(server: Pick<RunningServer, 'url' | 'apiToken'>): Promise<ExportedItem[]> {
  const response = await http<{ items: ExportedItem[] }>(server, 'GET', '/api/admin/export', { auth: 'token' });
  if (response.status !== 200) throw new Error(`export failed: ${response.status} ${response.text}`);
  return response.json.items.filter((item) => item.source === 'email');
}

/** The email interaction stored for a Message-ID (without angle brackets). */
export async function emailItem(server: Pick<RunningServer, 'url' | 'apiToken'>, messageId: string): Promise<ExportedItem | undefined> {
  return (await emailItems(server)).find((item) => item.dedupeKey === messageId);
}
