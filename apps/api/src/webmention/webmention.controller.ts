import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ChorusException, notFound } from '../common/chorus.exception';
import { sha256 } from '../common/hash';
import { sendPublic } from '../common/http-cache';
import { WebmentionAcceptedDto, WebmentionRequestDto, WebmentionStatusDto } from './dto/webmention.dto';
import { WebmentionIntake } from './webmention-intake.service';

@ApiTags('webmention')
@Controller('webmention')
export class WebmentionController {
  constructor(private readonly intake: WebmentionIntake) {}

  @Post()
  @ApiOperation({ summary: 'Receive a webmention (W3C Webmention); verified later, after CHORUS_VERIFY_DELAY' })
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiBody({ type: WebmentionRequestDto })
  @ApiCreatedResponse({ type: WebmentionAcceptedDto, description: 'queued; Location is the status resource' })
  @ApiAcceptedResponse({ type: WebmentionAcceptedDto, description: 'the same source and target are already queued: that request' })
  async receive(@Body() body: unknown, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<WebmentionAcceptedDto> {
    const fields = formFields(body);
    const { id, created } = await this.intake.receive({ source: fields.source, target: fields.target, protocol: 'webmention', clientAddress: request.ip });
    const statusUrl = this.intake.statusUrl(id);
    void reply.code(created ? 201 : 202).header('location', statusUrl);
    return { id, status: 'queued', statusUrl };
  }

  @Get(':id')
  @ApiOperation({ summary: 'The state of one received webmention or pingback: queued, verified, rejected (with a reason) or deleted' })
  @ApiOkResponse({ type: WebmentionStatusDto })
  async status(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const found = /^\d{1,15}$/.test(id) ? await this.intake.find(Number(id)) : null;
    if (!found) throw notFound('not_found', `There is no received webmention ${JSON.stringify(id)} on this hub.`);
    const body = JSON.stringify(WebmentionStatusDto.from(found));
    // The state changes as verification runs: revalidate every time (the ETag keeps that cheap).
    return sendPublic(request, reply, { body, contentType: 'application/json; charset=utf-8', etag: `"${sha256(body).slice(0, 27)}"` }, 'no-cache');
  }
}

/** A parsed form or JSON object; anything else (XML, a JSON array or string) is the wrong kind of body. */
function formFields(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null) return {};
  if (typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>;
  throw new ChorusException(415, 'unsupported_media_type', 'Send source and target form-encoded (application/x-www-form-urlencoded) or as a JSON object.');
}
