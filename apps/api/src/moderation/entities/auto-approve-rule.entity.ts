import type { InteractionKind, InteractionSource } from '@chorus/shared';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { epochMs } from '../../database/columns';

/**
 * Approves matching interactions as they are stored. Every given field must match; absent fields
 * match anything (so `{source: 'mastodon', kind: 'like'}` approves Mastodon likes).
 */
@Entity('auto_approve_rules')
export class AutoApproveRuleEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column('varchar', { length: 16, nullable: true })
  source!: InteractionSource | null;

  @Column('varchar', { length: 16, nullable: true })
  kind!: InteractionKind | null;

  /** A trusted author: a domain (with subdomains) or an author URL. */
  @Column('varchar', { length: 2048, nullable: true })
  author!: string | null;

  @Column('text', { nullable: true })
  note!: string | null;

  @Column('bigint', { name: 'created_at', transformer: epochMs })
  createdAt!: number;
}
