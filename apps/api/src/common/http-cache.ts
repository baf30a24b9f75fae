import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CachedResponse } from '../interactions/read-cache.service';

const SHORT_SHARED_CACHE = 'public, max-age=30, stale-while-revalidate=60';

/** Public GET answers: a short shared cache (or the one given), ETag and 304 (CORS: `public-cors.ts`). */
export function sendPublic(request: FastifyRequest, reply: FastifyReply, response: CachedResponse, cacheControl = SHORT_SHARED_CACHE): FastifyReply {
  reply.header('cache-control', cacheControl).header('etag', response.etag);
  if (matches(request.headers['if-none-match'], response.etag)) return reply.code(304).send();
  return reply.header('content-type', response.contentType).send(response.body);
}

function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, '');
    return tag === etag || tag === '*';
  });
}
