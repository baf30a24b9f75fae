import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { bigint, id, text, varchar } from './column-helpers';

/** Web Push subscriptions of the owner's browsers (`POST /api/admin/push/subscriptions`). */
export class PushSubscriptions1763900300000 implements MigrationInterface {
  name = 'PushSubscriptions1763900300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'push_subscriptions',
        columns: [id(), text('endpoint'), varchar('endpoint_hash', 64), varchar('p256dh', 128), varchar('auth', 64), bigint('created_at')],
        indices: [new TableIndex({ name: 'push_subscriptions_endpoint', columnNames: ['endpoint_hash'], isUnique: true })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('push_subscriptions');
  }
}
