import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ChorusException, unauthorized } from '../common/chorus.exception';
import { PublicUrl } from '../common/public-url';
import { RateLimiter } from '../common/rate-limiter';
import type { ChorusConfig } from '../config/config';
import { CHORUS_CONFIG } from '../config/config.module';
import { readCookie, SESSION_COOKIE } from './admin.guard';
import { AuthService, SESSION_TTL_MS } from './auth.service';
import { LoginDto } from './dto/login.dto';

@ApiTags('auth')
@Controller('api')
export class AuthController {
  /** 10 attempts per client address per 15 minutes. */
  private readonly attempts = new RateLimiter(10, 15 * 60 * 1000);

  constructor(
    private readonly auth: AuthService,
    private readonly publicUrl: PublicUrl,
    @Inject(CHORUS_CONFIG) private readonly config: ChorusConfig,
  ) {}

  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in to the web app with the admin password; sets an HttpOnly session cookie' })
  async login(@Body() body: LoginDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const limit = this.attempts.hit(request.ip);
    if (!limit.allowed) {
      throw new ChorusException(429, 'rate_limited', 'Too many login attempts from your address; wait and try again.', {
        'retry-after': String(limit.retryAfterSeconds),
      });
    }
    if (!(await this.auth.checkPassword(body.password))) throw unauthorized('That password is not right.');
    this.attempts.reset(request.ip);
    const token = await this.auth.createSession();
    const secure = this.publicUrl.get().startsWith('https:') ? '; Secure' : '';
    void reply.header('set-cookie', `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${SESSION_TTL_MS / 1000}${secure}`);
    return { authenticated: true };
  }

  @Post('auth/logout')
  @HttpCode(200)
  @ApiOperation({ summary: 'End the web app session' })
  async logout(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const token = readCookie(request, SESSION_COOKIE);
    if (token) await this.auth.endSession(token);
    void reply.header('set-cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
    return { authenticated: false };
  }

  @Get('auth/session')
  @ApiOperation({ summary: 'Whether the session cookie (or bearer token) is valid: 200 or 401' })
  async session(@Req() request: FastifyRequest) {
    const token = readCookie(request, SESSION_COOKIE);
    const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if ((token && (await this.auth.checkSession(token))) || (bearer && this.auth.checkApiToken(bearer))) return { authenticated: true };
    throw unauthorized('Not logged in.');
  }

  @Get('setup')
  @ApiOperation({ summary: "What the web app's first screen needs: was the password generated and printed in the log?" })
  setup() {
    return { passwordGenerated: this.auth.passwordGenerated, dataDir: this.config.dataDir };
  }
}
