import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ECDH } from 'node:crypto';
import type { Repository } from 'typeorm';
import { badRequest } from '../common/chorus.exception';
import { Clock } from '../common/clock';
import { sha256 } from '../common/hash';
import type { ChorusConfig } from '../config/config';
import { CHORUS_CONFIG } from '../config/config.module';
import type { PushSubscriptionDto } from './dto/push-subscription.dto';
import { PushSubscriptionEntity } from './entities/push-subscription.entity';

const LOOPBACK_HOSTS = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** The browsers that receive Web Push: stored, listed and removed by their endpoint. */
@Injectable()
export class PushSubscriptionsService {
  private readonly logger = new Logger(PushSubscriptionsService.name);

  constructor(
    @InjectRepository(PushSubscriptionEntity) private readonly subscriptions: Repository<PushSubscriptionEntity>,
    @Inject(CHORUS_CONFIG) private readonly config: ChorusConfig,
    private readonly clock: Clock,
  ) {}

  /** Stores a browser's subscription; subscribing again with the same endpoint replaces its keys. */
  async add(subscription: PushSubscriptionDto): Promise<PushSubscriptionEntity> {
    const endpoint = this.checkEndpoint(subscription.endpoint);
    checkKey('p256dh', subscription.keys.p256dh, 65);
    checkKey('auth', subscription.keys.auth, 16);
    checkPoint(subscription.keys.p256dh);
    const endpointHash = sha256(endpoint);
    const existing = await this.subscriptions.findOneBy({ endpointHash });
    const saved = await this.subscriptions.save(
      { ...existing, endpoint, endpointHash, p256dh: subscription.keys.p256dh, auth: subscription.keys.auth, createdAt: existing?.createdAt ?? this.clock.now() },
      { transaction: false },
    );
    this.logger.log(`${existing ? 'renewed' : 'added'} push subscription #${saved.id} at ${new URL(endpoint).host}`);
    return saved;
  }

  /** Idempotent: removing an unknown endpoint is not an error (the browser may have been forgotten already). */
  async remove(endpoint: string): Promise<void> {
    const result = await this.subscriptions.delete({ endpointHash: sha256(normalized(endpoint)) });
    if (result.affected) this.logger.log(`removed the push subscription at ${hostOf(endpoint)}`);
  }

  async removeById(id: number, reason: string): Promise<void> {
    await this.subscriptions.delete({ id });
    this.logger.log(`removed push subscription #${id}: ${reason}`);
  }

  async any(): Promise<boolean> {
    return (await this.subscriptions.find({ select: { id: true }, take: 1 })).length > 0;
  }

  list(): Promise<PushSubscriptionEntity[]> {
    return this.subscriptions.find({ order: { id: 'ASC' } });
  }

  find(id: number): Promise<PushSubscriptionEntity | null> {
    return this.subscriptions.findOneBy({ id });
  }

  /** https only; plain http only to loopback, and only when private addresses are allowed (tests). */
  private checkEndpoint(raw: string): string {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw badRequest('invalid_subscription', 'endpoint must be the absolute https URL of a push service.');
    }
    const loopbackHttp = url.protocol === 'http:' && LOOPBACK_HOSTS.test(url.hostname) && this.config.fetch.allowPrivateAddresses;
    if (url.protocol !== 'https:' && !loopbackHttp) {
      throw badRequest('invalid_subscription', `endpoint must be an https URL (got ${url.protocol}//${url.host}); push services are reached over https.`);
    }
    return url.href;
  }
}

function checkKey(name: 'p256dh' | 'auth', value: string, bytes: number): void {
  if (Buffer.from(value, 'base64url').length !== bytes) {
    throw badRequest('invalid_subscription', `keys.${name} must hold ${bytes} bytes (base64url), as the browser's PushSubscription gives it.`);
  }
}

/** The endpoint as stored (`URL.href`), so add and remove hash the same string. */
function normalized(endpoint: string): string {
  try {
    return new URL(endpoint).href;
  } catch {
    return endpoint;
  }
}

/** Messages are encrypted to this key: refuse one that is not a point on P-256 now rather than at every send. */
function checkPoint(p256dh: string): void {
  try {
    ECDH.convertKey(Buffer.from(p256dh, 'base64url'), 'prime256v1');
  } catch {
    throw badRequest('invalid_subscription', 'keys.p256dh is not a P-256 public key; send the subscription as the browser gives it.');
  }
}

function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return 'an unknown host';
  }
}
