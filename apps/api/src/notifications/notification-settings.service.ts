import { INTERACTION_SOURCES, type InteractionSource } from '@chorus/shared';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { SettingEntity } from '../database/setting.entity';

export type NotificationSwitches = Record<InteractionSource, boolean>;

export interface NotificationSettings {
  sources: NotificationSwitches;
}

const SETTING_KEY = 'notifications.sources';

/** Which sources push a notification for a new pending interaction (all, until the owner says otherwise). */
@Injectable()
export class NotificationSettingsService {
  constructor(@InjectRepository(SettingEntity) private readonly settings: Repository<SettingEntity>) {}

  async get(): Promise<NotificationSettings> {
    const stored = await this.settings.findOneBy({ key: SETTING_KEY });
    const saved = stored ? (JSON.parse(stored.value) as Partial<NotificationSwitches>) : {};
    return { sources: Object.fromEntries(INTERACTION_SOURCES.map((source) => [source, saved[source] ?? true])) as NotificationSwitches };
  }

  /** Sources left out keep their current switch. */
  async update(changes: Partial<NotificationSwitches>): Promise<NotificationSettings> {
    const { sources } = await this.get();
    for (const source of INTERACTION_SOURCES) sources[source] = changes[source] ?? sources[source];
    await this.settings.save({ key: SETTING_KEY, value: JSON.stringify(sources) }, { transaction: false });
    return { sources };
  }

  async isEnabled(source: InteractionSource): Promise<boolean> {
    return (await this.get()).sources[source];
  }
}
