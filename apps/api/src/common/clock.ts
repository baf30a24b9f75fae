import { Injectable } from '@nestjs/common';

/** The time, behind an injectable class so services never call Date.now() directly. */
@Injectable()
export class Clock {
  now(): number {
    return Date.now();
  }
}
