import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { epochMs } from '../../database/columns';

export type BlockAction = 'drop' | 'spam';

/** A domain (and its subdomains) or an author URL whose interactions are dropped or marked spam. */
@Entity('blocklist')
export class BlocklistEntryEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  /** `domain` entries match the host and its subdomains; `url` entries match one author or source URL. */
  @Column('varchar', { length: 8 })
  type!: 'domain' | 'url';

  @Column('varchar', { length: 2048, unique: true })
  value!: string;

  @Column('varchar', { length: 8 })
  action!: BlockAction;

  @Column('text', { nullable: true })
  note!: string | null;

  @Column('bigint', { name: 'created_at', transformer: epochMs })
  createdAt!: number;
}
