import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { bigint, id, int, text, varchar } from './column-helpers';

/** Received webmentions and pingbacks and their verification state (`GET /webmention/<id>`). */
export class WebmentionRequests1763900200000 implements MigrationInterface {
  name = 'WebmentionRequests1763900200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'webmention_requests',
        columns: [
          id(),
          text('source'),
          text('target'),
          varchar('pair_hash', 64),
          varchar('protocol', 16),
          varchar('status', 16),
          varchar('reason', 32, { isNullable: true }),
          text('detail', { isNullable: true }),
          int('interaction_id', { isNullable: true }),
          varchar('client_address', 64),
          bigint('created_at'),
          bigint('updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'webmention_requests_pair_status', columnNames: ['pair_hash', 'status'] }),
          new TableIndex({ name: 'webmention_requests_created', columnNames: ['created_at'] }),
        ],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['interaction_id'], referencedTableName: 'interactions', referencedColumnNames: ['id'], onDelete: 'SET NULL' }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('webmention_requests');
  }
}
