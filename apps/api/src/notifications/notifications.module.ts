import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import type { ChorusConfig } from '../config/config';
import { CHORUS_CONFIG } from '../config/config.module';
import { SettingEntity } from '../database/setting.entity';
import { InteractionsModule } from '../interactions/interactions.module';
import { PushSubscriptionEntity } from './entities/push-subscription.entity';
import { NotificationSettingsService } from './notification-settings.service';
import { NotificationsController } from './notifications.controller';
import { PushNotifier } from './push-notifier.service';
import { PushSender, VAPID_KEYS } from './push-sender.service';
import { PushSubscriptionsService } from './push-subscriptions.service';
import { loadOrCreateVapidKeys } from './vapid-keys';

/** Web Push to the owner's browsers for new pending interactions, with per-source switches. */
@Module({
  imports: [TypeOrmModule.forFeature([PushSubscriptionEntity, SettingEntity]), InteractionsModule, AuthModule],
  providers: [
    { provide: VAPID_KEYS, inject: [CHORUS_CONFIG], useFactory: (config: ChorusConfig) => loadOrCreateVapidKeys(config.dataDir) },
    NotificationSettingsService,
    PushSubscriptionsService,
    PushSender,
    PushNotifier,
  ],
  controllers: [NotificationsController],
})
export class NotificationsModule {}
