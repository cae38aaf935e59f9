import pino, { type DestinationStream, type Logger } from 'pino';

/** A structured JSON logger for one service; one event per line, to stdout unless given a destination (tests capture it). */
export function createLogger(service: string, level = 'info', destination?: DestinationStream): Logger {
  return destination ? pino({ name: service, level, base: { service } }, destination) : pino({ name: service, level, base: { service } });
}

export type { Logger };
