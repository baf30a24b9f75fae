import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from './auth/auth.module';
import { CommonModule } from './common/common.module';
import type { ChorusConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/database.options';
import { EmailModule } from './email/email.module';
import { HttpModule } from './http/http.module';
import { InteractionsModule } from './interactions/interactions.module';
import { JobsModule } from './jobs/jobs.module';
import { MastodonModule } from './mastodon/mastodon.module';
import { ModerationModule } from './moderation/moderation.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OperationsModule } from './operations/operations.module';
import { WebmentionModule } from './webmention/webmention.module';

@Module({})
export class AppModule {
  static forRoot(config: ChorusConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot(dataSourceOptions(config)),
        CommonModule,
        JobsModule,
        HttpModule,
        AuthModule,
        InteractionsModule,
        ModerationModule,
        OperationsModule,
        EmailModule,
        WebmentionModule,
        MastodonModule,
        NotificationsModule,
      ],
    };
  }
}
