import type { InteractionSource } from '@chorus/shared';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsOptional, ValidateNested } from 'class-validator';

/** Per source: does a new pending interaction push a notification? Absent ones stay as they are. */
export class NotificationSourcesDto implements Partial<Record<InteractionSource, boolean>> {
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  webmention?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  pingback?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  mastodon?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  email?: boolean;
}

export class NotificationSettingsDto {
  @ApiProperty({ type: NotificationSourcesDto, example: { webmention: true, pingback: true, mastodon: true, email: false } })
  @ValidateNested()
  @Type(() => NotificationSourcesDto)
  sources!: NotificationSourcesDto;
}
