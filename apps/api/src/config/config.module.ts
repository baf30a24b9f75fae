import { Global, Module } from '@nestjs/common';
import type { ChorusConfig } from './config';

/** Injection token for the validated `ChorusConfig`. */
export const CHORUS_CONFIG = Symbol('ChorusConfig');

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: ChorusConfig) {
    return { module: ConfigModule, providers: [{ provide: CHORUS_CONFIG, useValue: config }], exports: [CHORUS_CONFIG] };
  }
}
