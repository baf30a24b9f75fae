import { Global, Module } from '@nestjs/common';
import { MastodonConnection } from './mastodon-connection.service';

/** Global so the posts API (in the interactions module) can verify toot URLs without a module cycle. */
@Global()
@Module({
  providers: [MastodonConnection],
  exports: [MastodonConnection],
})
export class MastodonConnectionModule {}
