import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { EventsController } from '../events/events.controller';
import { InteractionsModule } from '../interactions/interactions.module';
import { AdminController } from './admin.controller';
import { ModerationService } from './moderation.service';
import { TransferService } from './transfer.service';

/** The admin API: the moderation queue, rules, blocklist, import/export and live events. */
@Module({
  imports: [InteractionsModule, AuthModule],
  providers: [ModerationService, TransferService],
  controllers: [AdminController, EventsController],
  exports: [ModerationService],
})
export class ModerationModule {}
