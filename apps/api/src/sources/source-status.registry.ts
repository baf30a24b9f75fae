import { Injectable } from '@nestjs/common';

export type SourceState = 'ok' | 'not_configured' | 'error';

export interface SourceStatus {
  id: string;
  displayName: string;
  state: SourceState;
  /** What is going on, in one sentence. */
  message: string;
  /** The exact fix, when something is wrong or missing. */
  fix: string | null;
  details: Record<string, unknown>;
}

/**
 * Each source module registers how to tell its state; the settings screen, `/health` and the
 * start-up log all read it from here.
 */
@Injectable()
export class SourceStatusRegistry {
  private readonly providers = new Map<string, () => SourceStatus | Promise<SourceStatus>>();

  register(id: string, provider: () => SourceStatus | Promise<SourceStatus>): void {
    this.providers.set(id, provider);
  }

  async all(): Promise<SourceStatus[]> {
    return Promise.all([...this.providers.values()].map((provider) => Promise.resolve(provider())));
  }
}
