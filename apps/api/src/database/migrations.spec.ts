import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from './database.options';
import { testDatabase } from './testing';

const TABLES = ['auto_approve_rules', 'blocklist', 'interactions', 'jobs', 'posts', 'sessions', 'settings'];

describe.each(['sqlite', 'postgres'] as const)('migrations on %s', (kind) => {
  let drop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await drop?.();
    drop = undefined;
  });

  it('should migrate up, all the way down, and up again', async () => {
    const db = await testDatabase(kind);
    drop = () => db.drop();
    const tables = async () => (await db.dataSource.createQueryRunner().getTables(TABLES)).map((table) => table.name.split('.').pop()).sort();
    expect(await tables()).toEqual(TABLES);
    for (let i = 0; i < MIGRATIONS.length; i++) await db.dataSource.undoLastMigration();
    expect(await tables()).toEqual([]);
    const applied = await db.dataSource.runMigrations();
    expect(applied.map((migration) => migration.name)).toEqual(MIGRATIONS.map((migration) => new migration().name));
    expect(await tables()).toEqual(TABLES);
    expect(await db.dataSource.showMigrations()).toBe(false);
  });
});
