import { Body, Controller, Get, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AdminGuard } from '../auth/admin.guard';
import { badRequest } from '../common/chorus.exception';
import { PostDto } from '../moderation/dto/moderation.dto';
import type { PostEntity } from './entities/post.entity';
import { PostsService } from './posts.service';

@ApiTags('admin')
@ApiBearerAuth()
@UseGuards(AdminGuard)
@Controller('api/admin/posts')
export class PostsController {
  constructor(private readonly posts: PostsService) {}

  @Get()
  @ApiOperation({ summary: 'Known posts and their toot mapping, newest first' })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'offset', required: false })
  async list(@Query('limit') limit = '100', @Query('offset') offset = '0') {
    const take = Number(limit);
    const skip = Number(offset);
    if (!Number.isInteger(take) || take < 1 || take > 1000 || !Number.isInteger(skip) || skip < 0) {
      throw badRequest('invalid_parameter', 'limit must be 1–1000 and offset 0 or more.');
    }
    const [items, total] = await this.posts.list({ limit: take, offset: skip });
    return { items: items.map((post) => this.view(post)), total };
  }

  @Post()
  @ApiOperation({ summary: 'Register a post, or update its toot mapping, title or ignored flag' })
  async upsert(@Body() body: PostDto) {
    const toot = body.tootUrl === undefined ? null : await this.posts.resolveToot(body.tootUrl);
    const post = await this.posts.ensure(body.url, { title: body.title ?? null, ignored: body.ignored ?? false });
    const changes: Parameters<PostsService['update']>[1] = { ...toot };
    if (body.title !== undefined) changes.title = body.title;
    if (body.ignored !== undefined) changes.ignored = body.ignored;
    return this.view(await this.posts.update(post, changes));
  }

  private view(post: PostEntity) {
    return {
      id: post.id,
      url: post.url,
      title: post.title,
      tootId: post.tootId,
      tootUrl: post.tootUrl,
      ignored: post.ignored,
      replyAddress: this.posts.replyAddress(post),
      created: new Date(post.createdAt).toISOString(),
    };
  }
}
