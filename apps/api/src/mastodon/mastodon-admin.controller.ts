import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminGuard } from '../auth/admin.guard';
import { Clock } from '../common/clock';
import { PostImportDto } from './dto/post-import.dto';
import { mastodonFailure } from './mastodon-connection.service';
import { MastodonPoller, type PollReport } from './mastodon-poller.service';
import { PostImportService, type ImportReport } from './post-import.service';

@ApiTags('admin')
@ApiBearerAuth()
@UseGuards(AdminGuard)
@Controller('api/admin')
export class MastodonAdminController {
  constructor(
    private readonly poller: MastodonPoller,
    private readonly importer: PostImportService,
    private readonly clock: Clock,
  ) {}

  @Post('mastodon/poll')
  @HttpCode(200)
  @ApiOperation({ summary: 'Poll every mapped toot now, whatever its schedule; answers {polled, added, updated, removed}' })
  async poll(): Promise<PollReport> {
    try {
      return await this.poller.runCycle({ all: true });
    } catch (error) {
      throw mastodonFailure(error, this.clock.now());
    }
  }

  @Post('posts/import')
  @HttpCode(200)
  @ApiOperation({ summary: 'Register existing posts from a sitemap or feed (ignored by default, so they never toot)' })
  import(@Body() body: PostImportDto): Promise<ImportReport> {
    return this.importer.import(body);
  }
}
