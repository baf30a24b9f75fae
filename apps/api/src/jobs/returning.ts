import type { DataSource } from 'typeorm';

export type Row = Record<string, unknown>;

/**
 * Runs a statement with a RETURNING clause and gives its rows, on SQLite and PostgreSQL alike.
 * TypeORM's SQLite driver reads no rows from a statement that starts with `INSERT `, `UPDATE ` or
 * `DELETE `, so write those starting with a WITH clause (see `insertReturning`).
 */
export async function returningRows(dataSource: DataSource, sql: string, parameters: unknown[]): Promise<Row[]> {
  const runner = dataSource.createQueryRunner();
  try {
    const result = (await runner.query(sql, parameters, true)) as { records?: Row[] };
    return result.records ?? [];
  } finally {
    await runner.release();
  }
}

/**
 * One multi-row `INSERT … RETURNING` (SQLite ≥ 3.35, PostgreSQL): every row written in one statement,
 * so a batch commits (or fails) as a whole on the one shared SQLite connection. Values are plain
 * column values (epoch ms numbers, JSON already as text).
 */
export function insertReturning(dataSource: DataSource, table: string, columns: readonly string[], rows: readonly unknown[][], returning: string): Promise<Row[]> {
  const postgres = dataSource.options.type === 'postgres';
  let n = 0;
  const placeholders = rows.map((row) => `(${row.map(() => (postgres ? `$${++n}` : '?')).join(', ')})`).join(', ');
  // The no-op WITH makes TypeORM's SQLite driver read the RETURNING rows.
  const sql = `WITH batch AS (SELECT 1) INSERT INTO ${table} (${columns.join(', ')}) VALUES ${placeholders} RETURNING ${returning}`;
  return returningRows(dataSource, sql, rows.flat());
}
