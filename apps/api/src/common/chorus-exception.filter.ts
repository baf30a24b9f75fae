import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { webAppIndex } from '../web/web-app';
import { ChorusException } from './chorus.exception';

interface FastifyError {
  statusCode?: number;
  code?: string;
  message: string;
}

const FASTIFY_CODES: Record<string, [string, string]> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['unsupported_media_type', 'Send application/x-www-form-urlencoded or application/json.'],
  FST_ERR_CTP_BODY_TOO_LARGE: ['payload_too_large', 'The request body is too large.'],
  FST_ERR_CTP_INVALID_JSON_BODY: ['invalid_body', 'The request body is not valid JSON.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['invalid_body', 'The JSON body is empty; send a JSON object.'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['invalid_body', 'The Content-Length does not match the body.'],
};

/** The one place errors become HTTP answers: always `{"error": "<code>", "message": "<sentence>"}`. */
@Catch()
export class ChorusExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { status, code, message, headers } = describe(exception, request);
    const index = status === 404 ? webAppRoute(request) : null;
    if (index !== null) {
      void reply.code(200).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').send(index);
      return;
    }
    if (status >= 500) this.logger.error(`${request.method} ${request.url} failed: ${(exception as Error)?.stack ?? String(exception)}`);
    else this.logger.debug(`${request.method} ${request.url} → ${status} ${code}: ${message}`);
    void reply.code(status).headers({ ...headers, 'content-type': 'application/json; charset=utf-8' }).send(JSON.stringify({ error: code, message }));
  }
}

function describe(exception: unknown, request: FastifyRequest) {
  if (exception instanceof ChorusException) {
    return { status: exception.status, code: exception.code, message: exception.message, headers: exception.headers };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status === 404) {
      return { status, code: 'not_found', message: `There is no ${request.method} ${request.url.split('?')[0]}; see /api/docs for every endpoint.`, headers: {} };
    }
    if (status === 400 && /not valid JSON/i.test(exception.message)) {
      return { status, code: 'invalid_body', message: 'The request body is not valid JSON.', headers: {} };
    }
    const response = exception.getResponse();
    const detail = typeof response === 'object' && response && 'message' in response ? response.message : exception.message;
    return { status, code: codeForStatus(status), message: sentence(Array.isArray(detail) ? detail.join('; ') : String(detail)), headers: {} };
  }
  const fastify = exception as FastifyError;
  if (fastify?.code && fastify.statusCode && fastify.statusCode < 500) {
    const [code, message] = FASTIFY_CODES[fastify.code] ?? ['invalid_request', sentence(fastify.message)];
    return { status: fastify.statusCode, code, message, headers: {} };
  }
  if (exception instanceof SyntaxError && 'statusCode' in exception) {
    return { status: 400, code: 'invalid_body', message: 'The request body is not valid JSON.', headers: {} };
  }
  return { status: 500, code: 'internal_error', message: 'Something went wrong on the hub; the error is in its log.', headers: {} };
}

/** The web app's client-side routes get its index.html (GET, HTML wanted, outside the API). */
function webAppRoute(request: FastifyRequest): string | null {
  const path = request.url.split('?')[0]!;
  if (request.method !== 'GET' || /^\/(api|webmention|xmlrpc|health|metrics)(\/|$)/.test(path) || path.includes('.')) return null;
  if (!String(request.headers.accept ?? '').includes('text/html')) return null;
  return webAppIndex();
}

function codeForStatus(status: number): string {
  const codes: Record<number, string> = { 400: 'invalid_request', 401: 'unauthorized', 403: 'forbidden', 405: 'method_not_allowed', 413: 'payload_too_large', 415: 'unsupported_media_type', 429: 'rate_limited' };
  return codes[status] ?? 'http_error';
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
