import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { sendPublic } from '../common/http-cache';
import { PublicUrl } from '../common/public-url';
import { InteractionStore } from '../interactions/interaction-store.service';
import { toPublic } from '../interactions/interaction.mapper';
import { PostsService } from '../interactions/posts.service';
import { PERMALINK_CSP, renderNotFound, renderPermalink } from './permalink-html';

/**
 * `GET /interactions/:id`: the public page of an approved interaction (the `url` of email replies,
 * API.md). Anything not approved is a 404, as HTML for browsers and as JSON otherwise; the answer
 * is sent here rather than thrown because the error filter would serve the web app for HTML 404s.
 */
@ApiTags('public')
@Controller('interactions')
export class PermalinkController {
  constructor(
    private readonly store: InteractionStore,
    private readonly posts: PostsService,
    private readonly publicUrl: PublicUrl,
  ) {}

  @Get(':id')
  @ApiOperation({ summary: 'Permalink of an approved interaction: an h-entry page (404 while not approved)' })
  @ApiOkResponse({ description: 'text/html h-entry' })
  @ApiNotFoundResponse({ description: 'not found or not approved' })
  async permalink(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const interaction = /^\d{1,15}$/.test(id) ? await this.store.findById(Number(id)) : null;
    const post = interaction?.status === 'approved' ? await this.posts.findById(interaction.postId) : null;
    if (!interaction || !post) return notFound(request, reply, id);
    const body = renderPermalink(toPublic(interaction, post.url, this.publicUrl.get()), post);
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
    reply.header('content-security-policy', PERMALINK_CSP);
    return sendPublic(request, reply, { body, etag, contentType: 'text/html; charset=utf-8' });
  }
}

function notFound(request: FastifyRequest, reply: FastifyReply, id: string): FastifyReply {
  reply.code(404).header('cache-control', 'no-store');
  if (String(request.headers.accept ?? '').includes('text/html')) {
    return reply.header('content-type', 'text/html; charset=utf-8').send(renderNotFound());
  }
  const message = `There is no published interaction ${JSON.stringify(id)}; it may not exist or still await moderation.`;
  return reply.header('content-type', 'application/json; charset=utf-8').send(JSON.stringify({ error: 'not_found', message }));
}
