import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Small key/value store for generated secrets and instance state (e.g. the admin password hash). */
@Entity('settings')
export class SettingEntity {
  @PrimaryColumn('varchar', { length: 128 })
  key!: string;

  @Column('text')
  value!: string;
}
