import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Clock } from '../common/clock';
import { ClusterBus } from '../events/cluster-bus.service';
import type { InteractionEntity } from '../interactions/entities/interaction.entity';
import { InteractionStore } from '../interactions/interaction-store.service';
import { PostsService } from '../interactions/posts.service';
import { JobQueue, PermanentJobError, RetryLaterError } from '../jobs/job-queue.service';
import { NotificationSettingsService } from './notification-settings.service';
import { pushMessage, type PushMessage } from './push-message';
import { PushSender } from './push-sender.service';
import { PushSubscriptionsService } from './push-subscriptions.service';

const NOTIFY_JOB = 'push.notify';
const DELIVER_JOB = 'push.deliver';

/**
 * How long a new interaction settles before it is announced: every replica hears the bus event and
 * enqueues, and while the first job waits the others collapse into it (uniqueKey); an interaction
 * imported as approved, or approved at once, is not announced at all.
 */
const SETTLE_MS = 1000;

interface NotifyPayload {
  interactionId: number;
}

interface DeliverPayload {
  subscriptionId: number;
  message: PushMessage;
}

/**
 * Web Push for new pending interactions: one durable job per interaction checks that it is still
 * pending and its source switched on, then fans out one delivery job per subscription, each
 * retried on its own. A push service answering 404/410 has forgotten the browser: its
 * subscription is removed.
 */
@Injectable()
export class PushNotifier implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(PushNotifier.name);
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly bus: ClusterBus,
    private readonly jobs: JobQueue,
    private readonly store: InteractionStore,
    private readonly posts: PostsService,
    private readonly settings: NotificationSettingsService,
    private readonly subscriptions: PushSubscriptionsService,
    private readonly sender: PushSender,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.jobs.register(NOTIFY_JOB, (payload) => this.notify(payload as NotifyPayload), { concurrency: 2 });
    this.jobs.register(DELIVER_JOB, (payload) => this.deliver(payload as DeliverPayload), { concurrency: 4 });
    this.unsubscribe = this.bus.on('interaction-changed', ({ id, type }) => {
      if (type !== 'created') return;
      this.enqueue(id).catch((error: Error) => this.logger.warn(`push for interaction #${id} not queued: ${error.message}`));
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  private async enqueue(interactionId: number): Promise<void> {
    // The common case on a busy hub without a phone subscribed: one cheap query and done.
    if (!(await this.subscriptions.any())) return this.logger.debug(`no push for interaction #${interactionId}: no device is subscribed`);
    const skip = await this.reasonToSkip(await this.store.findById(interactionId));
    if (skip) return this.logger.debug(`no push for interaction #${interactionId}: ${skip}`);
    await this.jobs.enqueue(NOTIFY_JOB, { interactionId } satisfies NotifyPayload, { runAt: this.clock.now() + SETTLE_MS, maxAttempts: 3, uniqueKey: `push:${interactionId}` });
  }

  private async notify({ interactionId }: NotifyPayload): Promise<void> {
    const interaction = await this.store.findById(interactionId);
    const skip = await this.reasonToSkip(interaction);
    if (skip || !interaction) return this.logger.debug(`no push for interaction #${interactionId}: ${skip}`);
    const post = await this.posts.findById(interaction.postId);
    if (!post) return this.logger.debug(`no push for interaction #${interactionId}: its post is gone`);
    const message = pushMessage(interaction, post);
    const subscriptions = await this.subscriptions.list();
    for (const subscription of subscriptions) {
      await this.jobs.enqueue(DELIVER_JOB, { subscriptionId: subscription.id, message } satisfies DeliverPayload, {
        maxAttempts: 5,
        uniqueKey: `push:${interactionId}:${subscription.id}`,
      });
    }
    this.logger.debug(`push for interaction #${interactionId} ("${message.title}") queued for ${subscriptions.length} subscription(s)`);
  }

  private async deliver({ subscriptionId, message }: DeliverPayload): Promise<void> {
    const subscription = await this.subscriptions.find(subscriptionId);
    if (!subscription) return this.logger.debug(`push ${message.tag} to subscription #${subscriptionId} dropped: unsubscribed meanwhile`);
    const host = new URL(subscription.endpoint).host;
    const response = await this.sender.send(subscription, message);
    if (response.status >= 200 && response.status < 300) {
      return this.logger.debug(`push ${message.tag} delivered to subscription #${subscriptionId} at ${host} (${response.status})`);
    }
    if (response.status === 404 || response.status === 410) {
      return this.subscriptions.removeById(subscriptionId, `${host} answered ${response.status}: the browser unsubscribed or the subscription expired`);
    }
    const failure = `${host} answered ${response.status} ${response.body}`.trim();
    if (response.retryAfterSeconds !== null) throw new RetryLaterError(failure, this.clock.now() + response.retryAfterSeconds * 1000);
    if (response.status === 429 || response.status >= 500) throw new Error(failure);
    throw new PermanentJobError(`${failure} (push to subscription #${subscriptionId} refused; subscribe this browser again if it persists)`);
  }

  /** Why an interaction is not announced, or null when it is. */
  private async reasonToSkip(interaction: InteractionEntity | null): Promise<string | null> {
    if (!interaction) return 'it no longer exists';
    if (interaction.status !== 'pending') return `it is ${interaction.status}, not pending`;
    if (!(await this.settings.isEnabled(interaction.source))) return `notifications for ${interaction.source} are switched off`;
    return null;
  }
}
