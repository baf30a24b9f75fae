import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * The paths a reader's browser calls from the owner's site (the widget, static-site scripts):
 * the public read API, the lazy toot, webmention sending and status, the widget bundle and the
 * permalinks of interactions. Admin and auth routes are same-origin only.
 */
const PUBLIC_PATHS = /^\/(api\/interactions(\.html)?|api\/mentions[^/]*|api\/count|api\/mastodon\/toot|webmention(\/[^/]*)?|widget\.js|interactions\/[^/]+)$/;

const ANSWER_HEADERS = { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'Location, ETag' };

const PREFLIGHT_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST',
  'access-control-allow-headers': 'If-None-Match, Content-Type',
  'access-control-max-age': '86400',
};

/**
 * CORS for the public endpoints in one place: every answer (errors too, so a page can read them)
 * allows any origin, and preflights are answered here with 204.
 */
export function allowPublicCors(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => {
      if (!PUBLIC_PATHS.test(request.url.split('?')[0]!)) return done();
      if (request.method === 'OPTIONS') {
        void reply.code(204).headers(PREFLIGHT_HEADERS).send();
        return;
      }
      void reply.headers(ANSWER_HEADERS);
      done();
    });
}
