import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMs } from '../../database/columns';

/**
 * Who is publishing the lazy toot of a post right now. Keyed by the post's lenient URL key so that
 * nothing about the post is stored before its toot exists; an expired claim may be taken over.
 */
@Entity('toot_claims')
export class TootClaimEntity {
  @PrimaryColumn('varchar', { name: 'url_key', length: 2048 })
  urlKey!: string;

  @Column('varchar', { name: 'claimed_by', length: 64 })
  claimedBy!: string;

  @Column('bigint', { name: 'claimed_until', transformer: epochMs })
  claimedUntil!: number;
}
