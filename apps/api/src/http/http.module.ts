import { SafeFetcher } from '@chorus/adapters';
import { Global, Module, type OnApplicationShutdown } from '@nestjs/common';
import { safeFetcherProvider } from './safe-fetcher.provider';

/** Outbound HTTP for every module: the guarded `SafeFetcher` (SSRF, size, time and redirect limits). */
@Global()
@Module({ providers: [safeFetcherProvider], exports: [SafeFetcher] })
export class HttpModule implements OnApplicationShutdown {
  constructor(private readonly fetcher: SafeFetcher) {}

  /** Waits for requests in flight, then refuses new ones. */
  async onApplicationShutdown(): Promise<void> {
    await this.fetcher.close();
  }
}
