import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsUrl, MaxLength } from 'class-validator';

const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

/** `POST /api/admin/posts/import`: exactly one of `sitemapUrl` and `feedUrl`. */
export class PostImportDto {
  @ApiPropertyOptional({ description: 'a sitemaps.org sitemap or sitemap index (followed one level deep)' })
  @IsOptional()
  @IsUrl(URL_OPTIONS)
  @MaxLength(2048)
  sitemapUrl?: string;

  @ApiPropertyOptional({ description: 'an RSS or Atom feed' })
  @IsOptional()
  @IsUrl(URL_OPTIONS)
  @MaxLength(2048)
  feedUrl?: string;

  @ApiPropertyOptional({ default: true, description: 'register the posts as ignored, so they never get a lazy toot' })
  @IsOptional()
  @IsBoolean()
  ignored?: boolean;
}
