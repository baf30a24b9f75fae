import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { AutoApproveRuleEntity } from '../moderation/entities/auto-approve-rule.entity';
import { BlocklistEntryEntity } from '../moderation/entities/blocklist-entry.entity';
import { ModerationPolicy } from '../moderation/moderation-policy.service';
import { InteractionEntity } from './entities/interaction.entity';
import { PostEntity } from './entities/post.entity';
import { InteractionStore } from './interaction-store.service';
import { PostsController } from './posts.controller';
import { PostsService } from './posts.service';
import { PublicController } from './public.controller';
import { PublicReadService } from './public-read.service';
import { ReadCache } from './read-cache.service';

/** The interaction store, its moderation policy, and the public per-post read API. */
@Module({
  imports: [TypeOrmModule.forFeature([PostEntity, InteractionEntity, BlocklistEntryEntity, AutoApproveRuleEntity]), AuthModule],
  providers: [PostsService, InteractionStore, ModerationPolicy, PublicReadService, ReadCache],
  controllers: [PublicController, PostsController],
  exports: [PostsService, InteractionStore, ModerationPolicy, ReadCache, TypeOrmModule],
})
export class InteractionsModule {}
