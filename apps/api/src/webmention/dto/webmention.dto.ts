import { ApiProperty } from '@nestjs/swagger';
import type { WebmentionRequestEntity } from '../entities/webmention-request.entity';

/**
 * `POST /webmention`, form-encoded or JSON. Documented here; checked by `checkRequest`, which
 * answers each problem with its own code (class-validator would give one generic code), and
 * other parameters (e.g. Vouch's `vouch`) are ignored rather than refused.
 */
export class WebmentionRequestDto {
  @ApiProperty({ description: 'the URL of the page that mentions the target', example: 'https://alice.example/notes/7' })
  source!: string;

  @ApiProperty({ description: "the URL of the owner's page it mentions (host in CHORUS_TARGET_DOMAINS)", example: 'https://blog.example/2026/11/hello' })
  target!: string;
}

export class WebmentionAcceptedDto {
  @ApiProperty()
  id!: number;

  @ApiProperty({ enum: ['queued'] })
  status!: 'queued';

  @ApiProperty({ description: 'the status resource, also in the Location header' })
  statusUrl!: string;
}

export class WebmentionStatusDto {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  source!: string;

  @ApiProperty()
  target!: string;

  @ApiProperty({ enum: ['queued', 'verified', 'rejected', 'deleted'] })
  status!: WebmentionRequestEntity['status'];

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'why it was rejected or deleted: no_link_to_target, source_not_found, source_unreachable, source_too_large, unsupported_content_type, source_unparseable, too_many_redirects, address_not_allowed, source_gone, blocked_source; while queued, the last transient failure',
  })
  reason!: string | null;

  @ApiProperty({ type: Number, nullable: true, description: 'the interaction it created, updated or deleted' })
  interactionId!: number | null;

  static from(request: WebmentionRequestEntity): WebmentionStatusDto {
    const { id, source, target, status, reason, interactionId } = request;
    return { id, source, target, status, reason, interactionId };
  }
}
