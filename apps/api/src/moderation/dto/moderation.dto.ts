import { INTERACTION_KINDS, INTERACTION_SOURCES, INTERACTION_STATUSES, type InteractionKind, type InteractionSource, type InteractionStatus } from '@chorus/shared';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, MaxLength, Min, ValidateNested } from 'class-validator';

const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

export class StatusChangeDto {
  @ApiProperty({ enum: INTERACTION_STATUSES })
  @IsIn(INTERACTION_STATUSES)
  status!: InteractionStatus;
}

export class BulkStatusChangeDto extends StatusChangeDto {
  @ApiProperty({ type: [Number] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsInt({ each: true })
  @Min(1, { each: true })
  ids!: number[];
}

export class BlocklistEntryDto {
  @ApiProperty({ description: 'a domain (blocks it and its subdomains) or an author/source URL' })
  @IsString()
  @MaxLength(2048)
  value!: string;

  @ApiPropertyOptional({ enum: ['drop', 'spam'], default: 'drop' })
  @IsOptional()
  @IsIn(['drop', 'spam'])
  action?: 'drop' | 'spam';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class AutoApproveRuleDto {
  @ApiPropertyOptional({ enum: INTERACTION_SOURCES })
  @IsOptional()
  @IsIn(INTERACTION_SOURCES)
  source?: InteractionSource;

  @ApiPropertyOptional({ enum: INTERACTION_KINDS })
  @IsOptional()
  @IsIn(INTERACTION_KINDS)
  kind?: InteractionKind;

  @ApiPropertyOptional({ description: 'trusted author: a domain or an author URL' })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  author?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class RulesDto {
  @ApiProperty({ type: [AutoApproveRuleDto] })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => AutoApproveRuleDto)
  rules!: AutoApproveRuleDto[];
}

export class PostDto {
  @ApiProperty()
  @IsUrl(URL_OPTIONS)
  @MaxLength(2048)
  url!: string;

  @ApiPropertyOptional({ description: "the post's toot on the owner's instance, any URL form" })
  @IsOptional()
  @IsUrl(URL_OPTIONS)
  @MaxLength(2048)
  tootUrl?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  ignored?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  title?: string;
}
