import { Module } from '@nestjs/common';
import { InteractionsModule } from '../interactions/interactions.module';
import { EmailIntake } from './email-intake.service';
import { EmailSourceStatus } from './email-source-status';
import { ImapPoller } from './imap-poller.service';
import { PermalinkController } from './permalink.controller';
import { SmtpListener } from './smtp-listener.service';

/** Email replies: the SMTP listener, the IMAP poller, their shared intake pipeline, and the permalink page. */
@Module({
  imports: [InteractionsModule],
  providers: [EmailIntake, SmtpListener, ImapPoller, EmailSourceStatus],
  controllers: [PermalinkController],
})
export class EmailModule {}
