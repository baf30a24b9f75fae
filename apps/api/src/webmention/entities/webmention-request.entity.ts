import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { epochMs } from '../../database/columns';

export type WebmentionProtocol = 'webmention' | 'pingback';
export type WebmentionRequestStatus = 'queued' | 'verified' | 'rejected' | 'deleted';

/** One received webmention or pingback, as its sender sees it at `GET /webmention/<id>`. */
@Entity('webmention_requests')
@Index('webmention_requests_pair_status', ['pairHash', 'status'])
@Index('webmention_requests_created', ['createdAt'])
export class WebmentionRequestEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column('text')
  source!: string;

  @Column('text')
  target!: string;

  /** sha256 of protocol, source and target: finds a pending request for the same pair. */
  @Column('varchar', { name: 'pair_hash', length: 64 })
  pairHash!: string;

  @Column('varchar', { length: 16 })
  protocol!: WebmentionProtocol;

  @Column('varchar', { length: 16 })
  status!: WebmentionRequestStatus;

  /** A reason code (API.md): why it was rejected or deleted, or the last transient failure while queued. */
  @Column('varchar', { length: 32, nullable: true })
  reason!: string | null;

  /** The reason in one sentence, for the owner and the log. */
  @Column('text', { nullable: true })
  detail!: string | null;

  @Column('integer', { name: 'interaction_id', nullable: true })
  interactionId!: number | null;

  @Column('varchar', { name: 'client_address', length: 64 })
  clientAddress!: string;

  @Column('bigint', { name: 'created_at', transformer: epochMs })
  createdAt!: number;

  @Column('bigint', { name: 'updated_at', transformer: epochMs })
  updatedAt!: number;
}
