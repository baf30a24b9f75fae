import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { epochMs } from '../../database/columns';

/** One browser that receives Web Push notifications (a `PushSubscription`). */
@Entity('push_subscriptions')
@Index('push_subscriptions_endpoint', ['endpointHash'], { unique: true })
export class PushSubscriptionEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  /** The push service URL this browser is reached at. */
  @Column('text')
  endpoint!: string;

  /** sha256 of the endpoint: a short unique key on both databases. */
  @Column('varchar', { name: 'endpoint_hash', length: 64 })
  endpointHash!: string;

  /** The browser's P-256 public key, base64url. */
  @Column('varchar', { length: 128 })
  p256dh!: string;

  /** The browser's 16-byte auth secret, base64url. */
  @Column('varchar', { length: 64 })
  auth!: string;

  @Column('bigint', { name: 'created_at', transformer: epochMs })
  createdAt!: number;
}
