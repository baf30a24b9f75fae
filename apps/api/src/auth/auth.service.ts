import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { LessThan, type Repository } from 'typeorm';
import { Clock } from '../common/clock';
import { sha256 } from '../common/hash';
import type { ChorusConfig } from '../config/config';
import { CHORUS_CONFIG } from '../config/config.module';
import { SettingEntity } from '../database/setting.entity';
import { generatePassword, hashPassword, safeEqual, verifyPassword } from './password';
import { SessionEntity } from './session.entity';

const PASSWORD_KEY = 'admin_password_hash';
export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);
  private passwordHash: string | null = null;
  /** Whether the password in use was generated on first start (shown on the web app's first screen). */
  passwordGenerated = false;

  constructor(
    @Inject(CHORUS_CONFIG) private readonly config: ChorusConfig,
    @InjectRepository(SettingEntity) private readonly settings: Repository<SettingEntity>,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    private readonly clock: Clock,
  ) {}

  /**
   * Loads the admin password hash; on first start without CHORUS_ADMIN_PASSWORD, generates one,
   * stores its hash and returns the password so it can be printed once.
   */
  async preparePassword(): Promise<string | null> {
    if (this.config.adminPassword) {
      this.passwordHash = await hashPassword(this.config.adminPassword);
      return null;
    }
    const stored = await this.settings.findOneBy({ key: PASSWORD_KEY });
    this.passwordGenerated = true;
    if (stored) {
      this.passwordHash = stored.value;
      return null;
    }
    const password = generatePassword();
    this.passwordHash = await hashPassword(password);
    await this.settings.save({ key: PASSWORD_KEY, value: this.passwordHash }, { transaction: false });
    return password;
  }

  async checkPassword(password: string): Promise<boolean> {
    return this.passwordHash !== null && (await verifyPassword(password, this.passwordHash));
  }

  checkApiToken(token: string): boolean {
    return this.config.apiToken !== null && safeEqual(token, this.config.apiToken);
  }

  async createSession(): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await this.sessions.delete({ expiresAt: LessThan(now) });
    await this.sessions.insert({ tokenHash: sha256(token), createdAt: now, expiresAt: now + SESSION_TTL_MS });
    this.logger.debug('admin logged in');
    return token;
  }

  async checkSession(token: string): Promise<boolean> {
    const session = await this.sessions.findOneBy({ tokenHash: sha256(token) });
    return session !== null && session.expiresAt > this.clock.now();
  }

  async endSession(token: string): Promise<void> {
    await this.sessions.delete({ tokenHash: sha256(token) });
  }
}
