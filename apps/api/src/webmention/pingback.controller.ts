import { parsePingbackCall, PingbackFault, pingbackFault, pingbackResponse } from '@chorus/adapters';
import { Body, Controller, Header, HttpCode, Logger, Post, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { WebmentionIntake, WebmentionRefusal } from './webmention-intake.service';

@ApiTags('webmention')
@Controller('xmlrpc')
export class PingbackController {
  private readonly logger = new Logger(PingbackController.name);

  constructor(private readonly intake: WebmentionIntake) {}

  /**
   * Pingback 1.0 `pingback.ping`, fed into the webmention pipeline. The source is verified later,
   * so a ping that passes the cheap checks is answered with success at once; its outcome is at the
   * status URL in the answer.
   */
  @Post()
  @HttpCode(200)
  @Header('content-type', 'text/xml; charset=utf-8')
  @ApiOperation({ summary: 'Receive a pingback (XML-RPC pingback.ping); answers success or a Pingback 1.0 fault' })
  @ApiConsumes('text/xml')
  @ApiBody({ schema: { type: 'string', example: '<methodCall><methodName>pingback.ping</methodName>…</methodCall>' } })
  @ApiOkResponse({ description: 'an XML-RPC methodResponse: a string, or a fault with faultCode and faultString' })
  async ping(@Body() body: unknown, @Req() request: FastifyRequest): Promise<string> {
    const call = typeof body === 'string' ? parsePingbackCall(body) : { fault: PingbackFault.parseError, message: 'parse error. not well formed: send an XML-RPC methodCall as text/xml' };
    if ('fault' in call) {
      this.logger.log(`refused pingback from ${request.ip}: fault ${call.fault}: ${call.message}`);
      return pingbackFault(call.fault, call.message);
    }
    try {
      const { id, created } = await this.intake.receive({ ...call, protocol: 'pingback', clientAddress: request.ip });
      if (!created) return pingbackFault(PingbackFault.alreadyRegistered, `The pingback from ${call.source} to ${call.target} has already been registered.`);
      return pingbackResponse(`Pingback from ${call.source} to ${call.target} received; it is verified shortly (status: ${this.intake.statusUrl(id)}).`);
    } catch (error) {
      if (!(error instanceof WebmentionRefusal)) throw error;
      return pingbackFault(faultCode(error), error.message);
    }
  }
}

/** The Pingback 1.0 fault for a refusal made in the request. */
function faultCode(refusal: WebmentionRefusal): number {
  switch (refusal.code) {
    case 'invalid_url':
    case 'unsupported_scheme':
      return refusal.parameter === 'source' ? PingbackFault.sourceNotFound : PingbackFault.targetNotFound;
    case 'target_not_accepted':
      return PingbackFault.targetCannotBeUsed;
    case 'blocked_source':
    case 'rate_limited':
      return PingbackFault.accessDenied;
    default:
      return PingbackFault.generic;
  }
}
