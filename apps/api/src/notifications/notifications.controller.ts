import { Body, Controller, Delete, Get, HttpCode, Inject, Post, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminGuard } from '../auth/admin.guard';
import { NotificationSettingsDto } from './dto/notification-settings.dto';
import { PushEndpointDto, PushKeyDto, PushSubscriptionDto, PushSubscriptionListDto, PushSubscriptionViewDto } from './dto/push-subscription.dto';
import type { PushSubscriptionEntity } from './entities/push-subscription.entity';
import { NotificationSettingsService, type NotificationSettings } from './notification-settings.service';
import { VAPID_KEYS } from './push-sender.service';
import { PushSubscriptionsService } from './push-subscriptions.service';
import type { VapidKeys } from './vapid-keys';

@ApiTags('admin')
@ApiBearerAuth()
@UseGuards(AdminGuard)
@Controller('api/admin')
export class NotificationsController {
  constructor(
    @Inject(VAPID_KEYS) private readonly keys: VapidKeys,
    private readonly subscriptions: PushSubscriptionsService,
    private readonly settings: NotificationSettingsService,
  ) {}

  @Get('push/key')
  @ApiOperation({ summary: "The hub's VAPID public key, for pushManager.subscribe" })
  @ApiOkResponse({ type: PushKeyDto })
  key(): PushKeyDto {
    return { publicKey: this.keys.publicKey };
  }

  @Get('push/subscriptions')
  @ApiOperation({ summary: 'The browsers that receive push notifications' })
  @ApiOkResponse({ type: PushSubscriptionListDto })
  async list(): Promise<PushSubscriptionListDto> {
    return { items: (await this.subscriptions.list()).map(view) };
  }

  @Post('push/subscriptions')
  @ApiOperation({ summary: "Store a browser's PushSubscription (its toJSON()); the same endpoint again replaces its keys" })
  @ApiCreatedResponse({ type: PushSubscriptionViewDto })
  async subscribe(@Body() body: PushSubscriptionDto): Promise<PushSubscriptionViewDto> {
    return view(await this.subscriptions.add(body));
  }

  @Delete('push/subscriptions')
  @HttpCode(204)
  @ApiOperation({ summary: 'Stop notifying a browser, by its endpoint (204 also when it was not subscribed)' })
  @ApiNoContentResponse()
  async unsubscribe(@Body() body: PushEndpointDto): Promise<void> {
    await this.subscriptions.remove(body.endpoint);
  }

  @Get('notifications')
  @ApiOperation({ summary: 'Which sources notify about new pending interactions' })
  @ApiOkResponse({ type: NotificationSettingsDto })
  getSettings(): Promise<NotificationSettings> {
    return this.settings.get();
  }

  @Put('notifications')
  @ApiOperation({ summary: 'Switch notifications per source on or off (sources left out stay as they are)' })
  @ApiOkResponse({ type: NotificationSettingsDto })
  putSettings(@Body() body: NotificationSettingsDto): Promise<NotificationSettings> {
    return this.settings.update(body.sources);
  }
}

function view(subscription: PushSubscriptionEntity): PushSubscriptionViewDto {
  return { endpoint: subscription.endpoint, created: new Date(subscription.createdAt).toISOString() };
}
