import { Controller, Get, Logger, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AdminGuard } from '../auth/admin.guard';
import { ModerationService } from '../moderation/moderation.service';
import { ClusterBus } from './cluster-bus.service';

const HEARTBEAT_MS = 25_000;

/** Server-sent events for the inbox: `interaction` (created/updated/deleted) and `counts` (pending). */
@ApiTags('admin')
@ApiBearerAuth()
@UseGuards(AdminGuard)
@Controller('api/admin/events')
export class EventsController {
  private readonly logger = new Logger(EventsController.name);

  constructor(
    private readonly bus: ClusterBus,
    private readonly moderation: ModerationService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Server-sent events: a new or changed interaction as it happens, and the pending count' })
  async stream(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    const send = (event: string, data: unknown) => raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    raw.write('retry: 3000\n\n');
    send('counts', { pending: await this.moderation.pendingCount() });
    const unsubscribe = this.bus.on('interaction-changed', ({ id, type }) => {
      void this.forward(id, type, send).catch((error: Error) => this.logger.warn(`event for #${id} not sent: ${error.message}`));
    });
    const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
    request.raw.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  }

  private async forward(id: number, type: 'created' | 'updated' | 'deleted', send: (event: string, data: unknown) => void): Promise<void> {
    if (type === 'deleted') send('interaction', { type, interaction: { id } });
    else send('interaction', { type, interaction: await this.moderation.get(id) });
    send('counts', { pending: await this.moderation.pendingCount() });
  }
}
