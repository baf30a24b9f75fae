import 'reflect-metadata';
import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { mkdirSync } from 'node:fs';
import { Client } from 'pg';
import { AppModule } from './app.module';
import { ChorusExceptionFilter } from './common/chorus-exception.filter';
import { PinoLogger } from './common/pino-logger';
import { allowPublicCors } from './common/public-cors';
import type { ChorusConfig } from './config/config';
import { DataSource } from 'typeorm';
import { postgresConnection, tuneDatabase } from './database/database.options';
import { MetricsService } from './operations/metrics.service';
import { serveWebApp } from './web/web-app';

/** Builds the whole hub (not yet listening): storage ready, routes, docs, static files. */
export async function createApp(config: ChorusConfig, logger: PinoLogger): Promise<NestFastifyApplication> {
  await prepareStorage(config);
  const adapter = new FastifyAdapter({ trustProxy: config.trustedProxies, bodyLimit: 1024 * 1024, routerOptions: { maxParamLength: 2048 } });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, { logger, abortOnError: false });
  await tuneDatabase(app.get(DataSource));
  app.useGlobalFilters(new ChorusExceptionFilter());
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  recordHttpMetrics(app);
  allowPublicCors(app);
  SwaggerModule.setup('api/docs', app, openApiDocument(app), { jsonDocumentUrl: 'api/docs/json' });
  await serveWebApp(app);
  app.enableShutdownHooks();
  return app;
}

export function openApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Chorus')
    .setDescription('IndieWeb inbox hub: webmentions, Mastodon and email replies, moderated in one place. Contract: API.md.')
    .addBearerAuth()
    .addCookieAuth('chorus_session')
    .build();
  return SwaggerModule.createDocument(app, config);
}

async function prepareStorage(config: ChorusConfig): Promise<void> {
  mkdirSync(config.dataDir, { recursive: true });
  if (config.database.type !== 'postgres') return;
  const { url, schema } = postgresConnection(config.database.url);
  if (schema === 'public') return;
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  } finally {
    await client.end();
  }
}

function recordHttpMetrics(app: NestFastifyApplication): void {
  const metrics = app.get(MetricsService);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onResponse', (request, reply, done) => {
      const route = request.routeOptions.url ?? 'unmatched';
      metrics.httpDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
      done();
    });
}
