import { MAX_PINGBACK_CALL_BYTES } from '@chorus/adapters';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { PublicUrl } from '../common/public-url';

/**
 * Wires the endpoints into the HTTP server: the XML-RPC body parser (small: a ping is two URLs),
 * and discovery headers on every response, so any page the hub serves names its endpoints.
 */
@Injectable()
export class WebmentionHttpSetup implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly publicUrl: PublicUrl,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    fastify.addContentTypeParser(['text/xml', 'application/xml'], { parseAs: 'string', bodyLimit: MAX_PINGBACK_CALL_BYTES }, (_request, body, done) => done(null, body));
    fastify.addHook('onSend', (_request, reply, payload, done) => {
      const hub = this.publicUrl.get();
      const link = `<${hub}/webmention>; rel="webmention"`;
      const existing = reply.getHeader('link');
      void reply.header('link', existing ? `${String(existing)}, ${link}` : link).header('x-pingback', `${hub}/xmlrpc`);
      done(null, payload);
    });
  }
}
