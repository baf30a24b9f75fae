import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { epochMs } from '../../database/columns';

/** A page of the owner's site that interactions are about. */
@Entity('posts')
export class PostEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  /** The URL the owner's page calls canonical. */
  @Column('text')
  url!: string;

  /** `postKey(url)`: the lenient-matching key (unique). */
  @Column('varchar', { name: 'url_key', length: 2048, unique: true })
  urlKey!: string;

  @Column('text', { nullable: true })
  title!: string | null;

  @Column('varchar', { name: 'toot_id', length: 64, nullable: true })
  tootId!: string | null;

  @Column('text', { name: 'toot_url', nullable: true })
  tootUrl!: string | null;

  /** Imported old posts never get a toot on their first visit. */
  @Column('boolean', { default: false })
  ignored!: boolean;

  /** Secret part of the post's reply address (128+ random bits, base32). */
  @Column('varchar', { name: 'reply_token', length: 64, unique: true })
  replyToken!: string;

  @Column('bigint', { name: 'created_at', transformer: epochMs })
  createdAt!: number;

  @Column('bigint', { name: 'updated_at', transformer: epochMs })
  updatedAt!: number;
}
