import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';

/** Nest's own start-up chatter belongs in debug. */
const FRAMEWORK_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

/** Nest's logger interface on top of pino: structured JSON lines, one level setting. */
export class PinoLogger implements LoggerService {
  constructor(readonly pino: Logger) {}

  static create(level: string): PinoLogger {
    return new PinoLogger(pino({ level, base: { service: 'chorus' }, timestamp: pino.stdTimeFunctions.isoTime }));
  }

  log(message: unknown, context?: string): void {
    if (context && FRAMEWORK_CONTEXTS.has(context)) this.pino.debug({ context }, String(message));
    else this.pino.info({ context }, String(message));
  }

  error(message: unknown, trace?: string, context?: string): void {
    this.pino.error({ context, trace }, String(message));
  }

  warn(message: unknown, context?: string): void {
    this.pino.warn({ context }, String(message));
  }

  debug(message: unknown, context?: string): void {
    this.pino.debug({ context }, String(message));
  }

  verbose(message: unknown, context?: string): void {
    this.pino.trace({ context }, String(message));
  }

  fatal(message: unknown, context?: string): void {
    this.pino.fatal({ context }, String(message));
  }
}
