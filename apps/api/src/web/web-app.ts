import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the Vite builds land (apps/web/dist), seen from apps/api/dist. */
const WEB_DIST = join(__dirname, '..', '..', '..', 'web', 'dist');

/**
 * Serves the moderation web app at `/` (its routes fall back to index.html) and the widget at
 * `/widget.js`. Missing builds are reported once instead of failing the API.
 */
export async function serveWebApp(app: NestFastifyApplication): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const appDir = join(WEB_DIST, 'app');
  const widget = join(WEB_DIST, 'widget', 'widget.js');
  if (existsSync(appDir)) {
    await fastify.register(fastifyStatic, { root: appDir, prefix: '/', wildcard: false, index: false, cacheControl: false, setHeaders: (response, path) => void response.header('cache-control', cacheControlFor(path)) });
  }
  fastify.get('/widget.js', (_request, reply) => {
    if (!existsSync(widget)) return reply.code(404).send({ error: 'not_built', message: 'The widget is not built; run npm run build.' });
    return reply
      .header('content-type', 'application/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .send(readFileSync(widget));
  });
}

/** index.html for the web app's own routes (GET, HTML wanted, not an API path); null if not built. */
export function webAppIndex(): string | null {
  const index = join(WEB_DIST, 'app', 'index.html');
  return existsSync(index) ? readFileSync(index, 'utf8') : null;
}

/** Vite's hashed assets never change; everything else is revalidated. */
function cacheControlFor(path: string): string {
  return path.includes(join('app', 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache';
}
