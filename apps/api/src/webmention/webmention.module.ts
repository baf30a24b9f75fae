import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InteractionsModule } from '../interactions/interactions.module';
import { WebmentionRequestEntity } from './entities/webmention-request.entity';
import { ParsePool } from './parse-pool';
import { PingbackController } from './pingback.controller';
import { WebmentionController } from './webmention.controller';
import { WebmentionHttpSetup } from './webmention-http.setup';
import { WebmentionIntake } from './webmention-intake.service';
import { WebmentionVerifier } from './webmention-verifier.service';

/** Webmention and Pingback: receive, verify in jobs, and tell the sender at `GET /webmention/<id>`. */
@Module({
  imports: [TypeOrmModule.forFeature([WebmentionRequestEntity]), InteractionsModule],
  providers: [WebmentionIntake, WebmentionVerifier, WebmentionHttpSetup, ParsePool],
  controllers: [WebmentionController, PingbackController],
})
export class WebmentionModule {}
