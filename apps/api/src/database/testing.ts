import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig, type ChorusConfig } from '../config/config';
import { dataSourceOptions, postgresConnection } from './database.options';

export const TEST_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

/**
 * A throwaway, migrated database for specs that need real SQL: a temp SQLite file, or its own
 * PostgreSQL schema. `drop()` removes it.
 */
export async function testDatabase(kind: 'sqlite' | 'postgres', env: Record<string, string> = {}): Promise<{ config: ChorusConfig; dataSource: DataSource; drop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'chorus-spec-'));
  const databaseUrl = kind === 'postgres' ? `${TEST_POSTGRES_URL}?schema=spec_${randomBytes(6).toString('hex')}` : `sqlite:${join(dataDir, 'db.sqlite')}`;
  const config = loadConfig({ env: { CHORUS_DATA_DIR: dataDir, CHORUS_DATABASE_URL: databaseUrl, ...env }, argv: [], cwd: dataDir });
  if (kind === 'postgres') await withClient((client) => client.query(`CREATE SCHEMA "${postgresConnection(databaseUrl).schema}"`));
  const dataSource = await new DataSource(dataSourceOptions(config)).initialize();
  return {
    config,
    dataSource,
    async drop() {
      await dataSource.destroy();
      rmSync(dataDir, { recursive: true, force: true });
      if (kind === 'postgres') await withClient((client) => client.query(`DROP SCHEMA "${postgresConnection(databaseUrl).schema}" CASCADE`));
    },
  };
}

async function withClient(run: (client: Client) => Promise<unknown>): Promise<void> {
  const client = new Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    await run(client);
  } finally {
    await client.end();
  }
}
