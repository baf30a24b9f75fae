import { postKey } from '@chorus/shared';
import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { badRequest } from '../common/chorus.exception';
import { sendPublic } from '../common/http-cache';
import { renderInteractionsHtml } from './interactions-html';
import { PublicReadService, type MentionsQuery } from './public-read.service';
import { hostTag, postTag, ReadCache } from './read-cache.service';

type RawQuery = Record<string, string | string[] | undefined>;
const JSON_TYPE = 'application/json; charset=utf-8';

@ApiTags('public')
@Controller('api')
export class PublicController {
  constructor(
    private readonly reads: PublicReadService,
    private readonly cache: ReadCache,
  ) {}

  @Get('interactions')
  @ApiOperation({ summary: 'Approved interactions of one post, oldest first, with counts (native per-post API)' })
  @ApiQuery({ name: 'url', description: 'the post URL (matched leniently)' })
  @ApiOkResponse({ description: '{post, counts, items}' })
  async interactions(@Query('url') url: string | undefined, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const key = requirePostUrl(url);
    const response = await this.cache.get(`i:${key}`, [postTag(key)], async () => ({
      body: JSON.stringify(await this.reads.forPost(url!)),
      contentType: JSON_TYPE,
    }));
    return sendPublic(request, reply, response);
  }

  @Get('interactions.html')
  @ApiOperation({ summary: 'The same thread as sanitized HTML with microformats, for build-time includes' })
  @ApiQuery({ name: 'url', description: 'the post URL (matched leniently)' })
  async interactionsHtml(@Query('url') url: string | undefined, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const key = requirePostUrl(url);
    const response = await this.cache.get(`h:${key}`, [postTag(key)], async () => ({
      body: renderInteractionsHtml(await this.reads.forPost(url!)),
      contentType: 'text/html; charset=utf-8',
    }));
    return sendPublic(request, reply, response);
  }

  @Get('mentions.jf2')
  @ApiOperation({ summary: 'webmention.io-compatible JF2 feed' })
  @MentionsParameters()
  async jf2(@Query() query: RawQuery, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const parsed = this.reads.parseMentionsQuery(query);
    const response = await this.cache.get(`j:${cacheKey(parsed)}`, tags(parsed), async () => ({
      body: JSON.stringify(await this.reads.mentionsJf2(parsed)),
      contentType: JSON_TYPE,
    }));
    return sendPublic(request, reply, response);
  }

  @Get(['mentions', 'mentions.json'])
  @ApiOperation({ summary: "webmention.io-compatible legacy {links: [...]} answer" })
  @MentionsParameters()
  async legacy(@Query() query: RawQuery, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const parsed = this.reads.parseMentionsQuery(query);
    const response = await this.cache.get(`l:${cacheKey(parsed)}`, tags(parsed), async () => ({
      body: JSON.stringify(await this.reads.mentionsLegacy(parsed)),
      contentType: JSON_TYPE,
    }));
    return sendPublic(request, reply, response);
  }

  @Get('count')
  @ApiOperation({ summary: 'webmention.io-compatible counts by type' })
  @ApiQuery({ name: 'target', required: false })
  @ApiQuery({ name: 'domain', required: false })
  async count(@Query() query: RawQuery, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const parsed = this.reads.parseMentionsQuery(query);
    const response = await this.cache.get(`c:${cacheKey({ ...parsed, page: 0, perPage: 0 })}`, tags(parsed), async () => ({
      body: JSON.stringify(await this.reads.count(parsed)),
      contentType: JSON_TYPE,
    }));
    return sendPublic(request, reply, response);
  }
}

function requirePostUrl(url: string | undefined): string {
  if (!url) throw badRequest('missing_parameter', 'Give the post as url=<post URL>.');
  const key = postKey(url);
  if (key === null) throw badRequest('invalid_url', `url=${JSON.stringify(url)} is not an http(s) URL.`);
  return key;
}

function cacheKey(query: MentionsQuery): string {
  return JSON.stringify([...query.postKeys].sort().concat(String(query.host), String(query.perPage), String(query.page), String(query.since), String(query.sinceId), query.sortBy, String(query.ascending), (query.kinds ?? []).join()));
}

function tags(query: MentionsQuery): string[] {
  return [...query.postKeys.map(postTag), ...(query.host ? [hostTag(query.host)] : [])];
}

function MentionsParameters(): MethodDecorator {
  const params: [string, string][] = [
    ['target', 'post URL; also target[] for several'],
    ['domain', 'all posts on this host'],
    ['per-page', 'default 20'],
    ['page', '0-based'],
    ['since', 'received after (ISO 8601)'],
    ['since_id', 'wm-id greater than'],
    ['sort-by', 'created (default), updated, published'],
    ['sort-dir', 'down (default, newest first); any other value: oldest first'],
    ['wm-property', 'in-reply-to, like-of, repost-of, bookmark-of, mention-of, rsvp; also wm-property[]'],
  ];
  return (target, key, descriptor) => {
    for (const [name, description] of params) ApiQuery({ name, description, required: false })(target, key, descriptor);
  };
}
