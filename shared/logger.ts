import pino, { type Logger } from 'pino';

/** A structured JSON logger for one service; one event per line. */
export function createLogger(service: string, level = 'info'): Logger {
  return pino({ name: service, level, base: { service } });
}

export type { Logger };
