import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The webmention.io-compatible feed reads one post's approved interactions newest first. With only
 * (post_id, status) the planner preferred walking (status, received_at) across every approved row;
 * (post_id, status, received_at) answers the query from the index alone.
 */
export class ReadIndexes1763900400000 implements MigrationInterface {
  name = 'ReadIndexes1763900400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('interactions', new TableIndex({ name: 'interactions_post_status_received', columnNames: ['post_id', 'status', 'received_at'] }));
    await queryRunner.dropIndex('interactions', 'interactions_post_status');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('interactions', new TableIndex({ name: 'interactions_post_status', columnNames: ['post_id', 'status'] }));
    await queryRunner.dropIndex('interactions', 'interactions_post_status_received');
  }
}
