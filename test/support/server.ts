import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';

export const REPO_ROOT = findRepoRoot(__dirname);
export const SERVER_ENTRY = join(REPO_ROOT, 'apps', 'api', 'dist', 'main.js');
/** The node flags `npm start` runs the hub with (a smaller young generation keeps idle memory low). */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=8'];
export const POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

export type TestDatabase = 'sqlite' | 'postgres';

export interface StartOptions {
  env?: Record<string, string>;
  /** Set CHORUS_ADMIN_PASSWORD (default true); false exercises the generated first-start password. */
  adminPassword?: boolean;
  args?: string[];
}

export interface RunningServer {
  url: string;
  port: number;
  apiToken: string;
  adminPassword: string;
  dataDir: string;
  databaseUrl: string;
  process: ChildProcess;
  logs(): string;
  /** SIGTERM and wait for the exit; removes the data unless `keepData`. */
  stop(options?: { keepData?: boolean }): Promise<number | null>;
  /** SIGKILL (a crash); the data stays for a restart. */
  kill(): Promise<void>;
  /** Starts again on the same data dir and database. */
  restart(options?: StartOptions): Promise<RunningServer>;
}

export function testDatabase(): TestDatabase {
  return process.env.CHORUS_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
}

/** A fresh place for one server's data: a temp dir, and on PostgreSQL its own schema. */
export function freshStorage(database: TestDatabase = testDatabase()): { dataDir: string; databaseUrl: string } {
  const dataDir = mkdtempSync(join(tmpdir(), 'chorus-e2e-'));
  const databaseUrl =
    database === 'postgres' ? `${POSTGRES_URL}?schema=e2e_${randomBytes(6).toString('hex')}` : `sqlite:${join(dataDir, 'chorus.sqlite')}`;
  return { dataDir, databaseUrl };
}

export async function dropStorage(storage: { dataDir: string; databaseUrl: string }): Promise<void> {
  rmSync(storage.dataDir, { recursive: true, force: true });
  const schema = /[?&]schema=([a-z0-9_]+)/.exec(storage.databaseUrl)?.[1];
  if (!schema) return;
  const client = new Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/**
 * Starts the built server (apps/api/dist/main.js) as a child process on a free loopback port, on a
 * fresh SQLite file or PostgreSQL schema (CHORUS_TEST_DB), and resolves once it is listening.
 */
export async function startServer(options: StartOptions = {}, storage = freshStorage()): Promise<RunningServer> {
  if (!existsSync(SERVER_ENTRY)) throw new Error(`${SERVER_ENTRY} is missing: build first (npx nx run-many -t build).`);
  const apiToken = options.env?.CHORUS_API_TOKEN ?? `token-${randomBytes(12).toString('hex')}`;
  const adminPassword = options.env?.CHORUS_ADMIN_PASSWORD ?? `pw-${randomBytes(9).toString('hex')}`;
  const env: Record<string, string> = {
    ...inheritedEnv(),
    CHORUS_PORT: '0',
    CHORUS_HOST: '127.0.0.1',
    CHORUS_DATA_DIR: storage.dataDir,
    CHORUS_DATABASE_URL: storage.databaseUrl,
    CHORUS_API_TOKEN: apiToken,
    CHORUS_SMTP_PORT: '0',
    CHORUS_VERIFY_DELAY: '0',
    CHORUS_ALLOW_PRIVATE_ADDRESSES: 'true',
    CHORUS_LOG_LEVEL: 'debug',
    ...(options.adminPassword === false ? {} : { CHORUS_ADMIN_PASSWORD: adminPassword }),
    ...options.env,
  };
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, SERVER_ENTRY, ...(options.args ?? [])], { cwd: storage.dataDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  const port = await waitForPort(() => output, exited);
  const url = `http://127.0.0.1:${port}`;
  const server: RunningServer = {
    url,
    port,
    apiToken,
    adminPassword,
    dataDir: storage.dataDir,
    databaseUrl: storage.databaseUrl,
    process: child,
    logs: () => output,
    async stop(stopOptions = {}) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const code = await exited;
      if (!stopOptions.keepData) await dropStorage(storage);
      return code;
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    restart: (restartOptions = options) => startServer(restartOptions, storage),
  };
  return server;
}

/** Runs the built server expecting it to exit (config errors); resolves with its code and output. */
export async function runServerToExit(env: Record<string, string>, args: string[] = []): Promise<{ code: number | null; output: string }> {
  const storage = freshStorage('sqlite');
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, SERVER_ENTRY, ...args], {
    cwd: storage.dataDir,
    env: { ...inheritedEnv(), CHORUS_PORT: '0', CHORUS_DATA_DIR: storage.dataDir, CHORUS_SMTP_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGTERM'), 15_000);
  const code = await new Promise<number | null>((resolveExit) => child.once('exit', resolveExit));
  clearTimeout(timer);
  rmSync(storage.dataDir, { recursive: true, force: true });
  return { code, output };
}

/** The folder holding nx.json, from wherever this file was compiled to. */
function findRepoRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no nx.json above ${start}`);
    dir = parent;
  }
  return dir;
}

function inheritedEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('CHORUS_') && !key.startsWith('VITEST') && key !== 'NODE_ENV') env[key] = value;
  }
  return env;
}

async function waitForPort(output: () => string, exited: Promise<number | null>): Promise<number> {
  const deadline = Date.now() + 30_000;
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  while (Date.now() < deadline) {
    const match = /"port":(\d+),"url"/.exec(output());
    if (match) return Number(match[1]);
    if (exitCode !== undefined) throw new Error(`the server exited (${exitCode}) before listening:\n${output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the server did not start listening within 30 s:\n${output()}`);
}
