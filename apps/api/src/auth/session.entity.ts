import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMs } from '../database/columns';

/** A web app login. Only the sha256 of the cookie's token is stored. */
@Entity('sessions')
export class SessionEntity {
  @PrimaryColumn('varchar', { name: 'token_hash', length: 64 })
  tokenHash!: string;

  @Column('bigint', { name: 'expires_at', transformer: epochMs })
  expiresAt!: number;

  @Column('bigint', { name: 'created_at', transformer: epochMs })
  createdAt!: number;
}
