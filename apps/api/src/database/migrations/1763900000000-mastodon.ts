import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { bigint, bool, int, text, varchar } from './column-helpers';

/** Mastodon: the lazy-toot claim per post URL and the poll state of each mapped toot. Portable DDL. */
export class Mastodon1763900000000 implements MigrationInterface {
  name = 'Mastodon1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'toot_claims',
        columns: [varchar('url_key', 2048, { isPrimary: true }), varchar('claimed_by', 64), bigint('claimed_until')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'mastodon_toots',
        columns: [
          int('post_id', { isPrimary: true }),
          varchar('toot_id', 64),
          bigint('toot_created_at', { isNullable: true }),
          int('replies_count', { isNullable: true }),
          int('favourites_count', { isNullable: true }),
          int('reblogs_count', { isNullable: true }),
          varchar('edited_at', 40, { isNullable: true }),
          bigint('last_polled_at', { isNullable: true }),
          bigint('last_full_sync_at', { isNullable: true }),
          bigint('next_poll_at'),
          int('failure_count', { default: 0 }),
          bool('gone', false),
          text('last_error', { isNullable: true }),
        ],
        indices: [new TableIndex({ name: 'mastodon_toots_due', columnNames: ['gone', 'next_poll_at'] })],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['post_id'], referencedTableName: 'posts', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('mastodon_toots');
    await queryRunner.dropTable('toot_claims');
  }
}
