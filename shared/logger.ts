import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { activeTraceFields } from './tracing.js';

/**
 * A structured JSON logger for one service; one event per line, to stdout unless given a
 * destination (tests capture it). A line written inside a traced span carries its trace and span id.
 */
export function createLogger(service: string, level = 'info', destination?: DestinationStream): Logger {
  const options: LoggerOptions = { name: service, level, base: { service }, mixin: activeTraceFields };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };
