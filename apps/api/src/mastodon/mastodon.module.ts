import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { SettingEntity } from '../database/setting.entity';
import { InteractionsModule } from '../interactions/interactions.module';
import { MastodonTootEntity } from './entities/mastodon-toot.entity';
import { TootClaimEntity } from './entities/toot-claim.entity';
import { LazyTootService } from './lazy-toot.service';
import { MastodonAdminController } from './mastodon-admin.controller';
import { MastodonConnectionModule } from './mastodon-connection.module';
import { MastodonPoller } from './mastodon-poller.service';
import { PostImportService } from './post-import.service';
import { TootDiscovery } from './toot-discovery.service';
import { TootSync } from './toot-sync.service';
import { TootController } from './toot.controller';

/** Lazy toots, toot mapping (manual, discovered, imported posts) and the adaptive poller. */
@Module({
  imports: [TypeOrmModule.forFeature([TootClaimEntity, MastodonTootEntity, SettingEntity]), MastodonConnectionModule, InteractionsModule, AuthModule],
  providers: [LazyTootService, MastodonPoller, TootSync, TootDiscovery, PostImportService],
  controllers: [TootController, MastodonAdminController],
})
export class MastodonModule {}
