import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { badRequest } from '../common/chorus.exception';
import { sha256 } from '../common/hash';
import { sendPublic } from '../common/http-cache';
import { LazyTootService } from './lazy-toot.service';

@ApiTags('public')
@Controller('api/mastodon')
export class TootController {
  constructor(private readonly lazyToot: LazyTootService) {}

  @Get('toot')
  @ApiOperation({ summary: "The post's toot, published on the first call (exactly once); ignored posts answer tootId null" })
  @ApiQuery({ name: 'url', description: 'the post URL; must match CHORUS_POST_PATTERN' })
  @ApiOkResponse({ description: '{url, tootId, tootUrl, instance, acct} or {url, tootId: null, ignored: true}' })
  async toot(@Query('url') url: string | undefined, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    if (!url) throw badRequest('missing_parameter', 'Give the post URL as ?url=….');
    const body = JSON.stringify(await this.lazyToot.tootFor(url, request.ip));
    return sendPublic(request, reply, { body, etag: `"${sha256(body).slice(0, 32)}"`, contentType: 'application/json; charset=utf-8' });
  }
}
