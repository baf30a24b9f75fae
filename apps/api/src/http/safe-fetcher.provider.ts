import { SafeFetcher, type SafeFetcherOptions } from '@chorus/adapters';
import type { Provider } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChorusConfig } from '../config/config';
import { CHORUS_CONFIG } from '../config/config.module';

/** apps/api/package.json, the same path from src/http (specs) and dist/http (the built server). */
export const HUB_VERSION = (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;

/** `Chorus/<version> (+<public url>; webmention receiver)`: who is fetching, and where to complain. */
export function hubUserAgent(publicUrl: string | null): string {
  return `Chorus/${HUB_VERSION} (${publicUrl ? `+${publicUrl}; ` : ''}webmention receiver)`;
}

export function safeFetcherOptions(config: ChorusConfig): SafeFetcherOptions {
  return { ...config.fetch, userAgent: hubUserAgent(config.publicUrl) };
}

/** The one `SafeFetcher` of the process (inject it by its class); `HttpModule` closes it on shutdown. */
export const safeFetcherProvider: Provider = {
  provide: SafeFetcher,
  inject: [CHORUS_CONFIG],
  useFactory: (config: ChorusConfig) => new SafeFetcher(safeFetcherOptions(config)),
};
