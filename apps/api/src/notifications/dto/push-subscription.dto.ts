import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNumber, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';

const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

export class PushSubscriptionKeysDto {
  @ApiProperty({ description: "the browser's P-256 public key (65 bytes, base64url)" })
  @IsString()
  @MaxLength(128)
  @Matches(BASE64URL, { message: 'keys.p256dh must be base64url' })
  p256dh!: string;

  @ApiProperty({ description: "the browser's auth secret (16 bytes, base64url)" })
  @IsString()
  @MaxLength(64)
  @Matches(BASE64URL, { message: 'keys.auth must be base64url' })
  auth!: string;
}

/** A browser's `PushSubscription.toJSON()`. */
export class PushSubscriptionDto {
  @ApiProperty({ description: "the push service URL (https; http only to loopback when CHORUS_ALLOW_PRIVATE_ADDRESSES=true)" })
  @IsString()
  @MaxLength(2048)
  endpoint!: string;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'as the browser sends it; not used' })
  @IsOptional()
  @IsNumber()
  expirationTime?: number | null;

  @ApiProperty({ type: PushSubscriptionKeysDto })
  @ValidateNested()
  @Type(() => PushSubscriptionKeysDto)
  keys!: PushSubscriptionKeysDto;
}

export class PushEndpointDto {
  @ApiProperty({ description: 'the endpoint of the subscription to remove' })
  @IsString()
  @MaxLength(2048)
  endpoint!: string;
}

export class PushKeyDto {
  @ApiProperty({ description: "the hub's VAPID public key (base64url), the applicationServerKey for pushManager.subscribe" })
  publicKey!: string;
}

export class PushSubscriptionViewDto {
  @ApiProperty()
  endpoint!: string;

  @ApiProperty({ description: 'ISO 8601' })
  created!: string;
}

export class PushSubscriptionListDto {
  @ApiProperty({ type: [PushSubscriptionViewDto] })
  items!: PushSubscriptionViewDto[];
}
