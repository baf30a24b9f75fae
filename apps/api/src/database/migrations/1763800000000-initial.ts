import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { id, bigint, int, text, varchar, bool } from './column-helpers';

/** The interaction store, jobs, moderation rules, sessions and settings. Portable DDL (SQLite and PostgreSQL). */
export class Initial1763800000000 implements MigrationInterface {
  name = 'Initial1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'posts',
        columns: [
          id(),
          text('url'),
          varchar('url_key', 2048, { isUnique: true }),
          text('title', { isNullable: true }),
          varchar('toot_id', 64, { isNullable: true }),
          text('toot_url', { isNullable: true }),
          bool('ignored', false),
          varchar('reply_token', 64, { isUnique: true }),
          bigint('created_at'),
          bigint('updated_at'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'interactions',
        columns: [
          id(),
          int('post_id'),
          varchar('source', 16),
          varchar('kind', 16),
          varchar('status', 16),
          text('dedupe_key'),
          varchar('dedupe_hash', 64),
          text('url', { isNullable: true }),
          text('source_url', { isNullable: true }),
          text('author_name', { isNullable: true }),
          text('author_url', { isNullable: true }),
          text('author_photo', { isNullable: true }),
          text('author_email', { isNullable: true }),
          text('content_html', { isNullable: true }),
          text('content_text', { isNullable: true }),
          varchar('content_hash', 64, { isNullable: true }),
          varchar('rsvp', 16, { isNullable: true }),
          bigint('published_at', { isNullable: true }),
          bigint('received_at'),
          bigint('updated_at'),
          int('parent_id', { isNullable: true }),
          text('verification', { isNullable: true }),
          text('raw', { isNullable: true }),
        ],
        indices: [
          new TableIndex({ name: 'interactions_dedupe', columnNames: ['source', 'dedupe_hash'], isUnique: true }),
          new TableIndex({ name: 'interactions_post_status', columnNames: ['post_id', 'status'] }),
          new TableIndex({ name: 'interactions_status_received', columnNames: ['status', 'received_at'] }),
        ],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['post_id'], referencedTableName: 'posts', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'jobs',
        columns: [
          id(),
          varchar('type', 64),
          text('payload'),
          varchar('state', 8),
          bigint('run_at'),
          int('attempts', { default: 0 }),
          int('max_attempts'),
          bigint('lease_until', { isNullable: true }),
          varchar('locked_by', 64, { isNullable: true }),
          text('last_error', { isNullable: true }),
          varchar('unique_key', 128, { isNullable: true }),
          bigint('created_at'),
          bigint('updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'jobs_claim', columnNames: ['state', 'run_at'] }),
          new TableIndex({ name: 'jobs_unique_pending', columnNames: ['unique_key'], isUnique: true }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'blocklist',
        columns: [id(), varchar('type', 8), varchar('value', 2048, { isUnique: true }), varchar('action', 8), text('note', { isNullable: true }), bigint('created_at')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'auto_approve_rules',
        columns: [
          id(),
          varchar('source', 16, { isNullable: true }),
          varchar('kind', 16, { isNullable: true }),
          varchar('author', 2048, { isNullable: true }),
          text('note', { isNullable: true }),
          bigint('created_at'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({ name: 'sessions', columns: [varchar('token_hash', 64, { isPrimary: true }), bigint('expires_at'), bigint('created_at')] }),
    );
    await queryRunner.createTable(new Table({ name: 'settings', columns: [varchar('key', 128, { isPrimary: true }), text('value')] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['settings', 'sessions', 'auto_approve_rules', 'blocklist', 'jobs', 'interactions', 'posts']) {
      await queryRunner.dropTable(table);
    }
  }
}
