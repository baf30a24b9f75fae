import type { InteractionKind, InteractionSource, InteractionStatus, RsvpValue } from '@chorus/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { epochMs, jsonText } from '../../database/columns';
import { PostEntity } from './post.entity';

@Entity('interactions')
@Index('interactions_dedupe', ['source', 'dedupeHash'], { unique: true })
@Index('interactions_post_status_received', ['postId', 'status', 'receivedAt'])
@Index('interactions_status_received', ['status', 'receivedAt'])
export class InteractionEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column('integer', { name: 'post_id' })
  postId!: number;

  @ManyToOne(() => PostEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'post_id' })
  post?: PostEntity;

  @Column('varchar', { length: 16 })
  source!: InteractionSource;

  @Column('varchar', { length: 16 })
  kind!: InteractionKind;

  @Column('varchar', { length: 16 })
  status!: InteractionStatus;

  @Column('text', { name: 'dedupe_key' })
  dedupeKey!: string;

  /** sha256 of the dedupe key: a short, indexable identity on both databases. */
  @Column('varchar', { name: 'dedupe_hash', length: 64 })
  dedupeHash!: string;

  @Column('text', { nullable: true })
  url!: string | null;

  @Column('text', { name: 'source_url', nullable: true })
  sourceUrl!: string | null;

  @Column('text', { name: 'author_name', nullable: true })
  authorName!: string | null;

  @Column('text', { name: 'author_url', nullable: true })
  authorUrl!: string | null;

  @Column('text', { name: 'author_photo', nullable: true })
  authorPhoto!: string | null;

  /** Private: never in a public response. */
  @Column('text', { name: 'author_email', nullable: true })
  authorEmail!: string | null;

  @Column('text', { name: 'content_html', nullable: true })
  contentHtml!: string | null;

  @Column('text', { name: 'content_text', nullable: true })
  contentText!: string | null;

  /** sha256 of the normalised text, to tell a material change from a cosmetic one. */
  @Column('varchar', { name: 'content_hash', length: 64, nullable: true })
  contentHash!: string | null;

  @Column('varchar', { length: 16, nullable: true })
  rsvp!: RsvpValue | null;

  @Column('bigint', { name: 'published_at', nullable: true, transformer: epochMs })
  publishedAt!: number | null;

  @Column('bigint', { name: 'received_at', transformer: epochMs })
  receivedAt!: number;

  @Column('bigint', { name: 'updated_at', transformer: epochMs })
  updatedAt!: number;

  @Column('integer', { name: 'parent_id', nullable: true })
  parentId!: number | null;

  @Column('text', { nullable: true, transformer: jsonText })
  verification!: Record<string, unknown> | null;

  /** The original payload, for debugging; never served publicly. */
  @Column('text', { nullable: true, transformer: jsonText })
  raw!: unknown;
}
