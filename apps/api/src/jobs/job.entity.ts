import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { epochMs, jsonText } from '../database/columns';

export type JobState = 'queued' | 'running' | 'done' | 'failed';

@Entity('jobs')
@Index('jobs_claim', ['state', 'runAt'])
@Index('jobs_unique_pending', ['uniqueKey'], { unique: true })
export class JobEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column('varchar', { length: 64 })
  type!: string;

  @Column('text', { transformer: jsonText })
  payload!: unknown;

  @Column('varchar', { length: 8 })
  state!: JobState;

  @Column('bigint', { name: 'run_at', transformer: epochMs })
  runAt!: number;

  @Column('integer', { default: 0 })
  attempts!: number;

  @Column('integer', { name: 'max_attempts' })
  maxAttempts!: number;

  /** While running: until when the claiming worker holds it; after that another may take it over. */
  @Column('bigint', { name: 'lease_until', nullable: true, transformer: epochMs })
  leaseUntil!: number | null;

  @Column('varchar', { name: 'locked_by', length: 64, nullable: true })
  lockedBy!: string | null;

  @Column('text', { name: 'last_error', nullable: true })
  lastError!: string | null;

  /** Collapses duplicates: at most one queued/running job per key (cleared when it finishes). */
  @Column('varchar', { name: 'unique_key', length: 128, nullable: true })
  uniqueKey!: string | null;

  @Column('bigint', { name: 'created_at', transformer: epochMs })
  createdAt!: number;

  @Column('bigint', { name: 'updated_at', transformer: epochMs })
  updatedAt!: number;
}
