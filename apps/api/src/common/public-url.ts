import { Inject, Injectable } from '@nestjs/common';
import type { ChorusConfig } from '../config/config';
import { CHORUS_CONFIG } from '../config/config.module';

/** The hub's public base URL: CHORUS_PUBLIC_URL, or http://localhost:<bound port> once listening. */
@Injectable()
export class PublicUrl {
  private value: string;

  constructor(@Inject(CHORUS_CONFIG) config: ChorusConfig) {
    this.value = config.publicUrl ?? `http://localhost:${config.port}`;
  }

  get(): string {
    return this.value;
  }

  /** Called once the port is known (CHORUS_PORT=0 picks one). */
  useBoundPort(port: number, configured: string | null): void {
    if (!configured) this.value = `http://localhost:${port}`;
  }
}
