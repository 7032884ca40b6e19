import { Logger } from '@aws-lambda-powertools/logger';
import type { LogAttributes } from '@aws-lambda-powertools/logger/types';

/** What a handler needs of a logger: one message and its fields per line. Tests pass a recorder. */
export interface StructuredLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Powertools' Logger (JSON lines with the Lambda context, log level from POWERTOOLS_LOG_LEVEL) behind that shape. */
export function powertoolsLogger(serviceName: string): StructuredLogger {
  const logger = new Logger({ serviceName });
  return {
    info: (message, fields) => logger.info(message, (fields ?? {}) as LogAttributes),
    warn: (message, fields) => logger.warn(message, (fields ?? {}) as LogAttributes),
    error: (message, fields) => logger.error(message, (fields ?? {}) as LogAttributes),
  };
}
