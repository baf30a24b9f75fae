import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import type { DataSource } from 'typeorm';
import { SourceStatusRegistry } from '../sources/source-status.registry';
import { MetricsService } from './metrics.service';

@ApiTags('operations')
@Controller()
export class OperationsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly metrics: MetricsService,
    private readonly sources: SourceStatusRegistry,
  ) {}

  @Get('health')
  @ApiOperation({ summary: '200 {"status": "ok", "checks"} when the database answers; 503 otherwise' })
  async health(@Res() reply: FastifyReply) {
    const started = performance.now();
    const database = await this.dataSource
      .query('SELECT 1')
      .then(() => ({ status: 'ok', latencyMs: Math.round((performance.now() - started) * 10) / 10 }))
      .catch((error: Error) => ({ status: 'down', message: error.message }));
    const sources = Object.fromEntries((await this.sources.all().catch(() => [])).map((source) => [source.id, { state: source.state, message: source.message }]));
    const ok = database.status === 'ok';
    return reply
      .code(ok ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: ok ? 'ok' : 'down', checks: { database, sources } });
  }

  @Get('metrics')
  @ApiOperation({ summary: 'Prometheus metrics' })
  async prometheus(@Res() reply: FastifyReply) {
    return reply.header('content-type', this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }
}
