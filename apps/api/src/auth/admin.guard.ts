import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ChorusException, unauthorized } from '../common/chorus.exception';
import { AuthService } from './auth.service';

export const SESSION_COOKIE = 'chorus_session';

export function readCookie(request: FastifyRequest, name: string): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return null;
}

/** Admin routes: `Authorization: Bearer <CHORUS_API_TOKEN>` or the web app's session cookie. */
@Injectable()
export class AdminGuard implements CanActivate {
  constructor(private readonly auth: AuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const header = request.headers.authorization;
    if (header) {
      const token = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
      if (token && this.auth.checkApiToken(token)) return true;
      throw unauthorized('The bearer token is not valid; use the value of CHORUS_API_TOKEN.');
    }
    const session = readCookie(request, SESSION_COOKIE);
    if (session && (await this.auth.checkSession(session))) {
      // Cross-site forms cannot send JSON without a CORS preflight, which the hub never grants.
      if (request.method !== 'GET' && request.body !== undefined && !String(request.headers['content-type']).startsWith('application/json')) {
        throw new ChorusException(415, 'unsupported_media_type', 'Admin changes are sent as application/json.');
      }
      return true;
    }
    throw unauthorized(session ? 'Your session has expired; log in again.' : 'Log in at / or send Authorization: Bearer <CHORUS_API_TOKEN>.');
  }
}
