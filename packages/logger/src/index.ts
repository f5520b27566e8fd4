import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

export type { Logger } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface CreateLoggerOptions {
  level?: LogLevel;
  name?: string;
  /** Human-readable output for a terminal; JSON lines otherwise (what log shippers want). */
  pretty?: boolean;
  /** Where JSON lines go (stdout by default). */
  destination?: DestinationStream;
}

/**
 * One root logger per process; everything else is a child carrying its ids
 * (requestId, sessionId, paneId, streamId) so a single answer can be traced end to end.
 */
export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const config: LoggerOptions = {
    level: options.level ?? 'info',
    base: { name: options.name ?? 'broadcast' },
    redact: {
      paths: [
        '*.apiKey',
        '*.authorization',
        '*.headers.authorization',
        '*.LITELLM_MASTER_KEY',
        '*.GOOGLE_API_KEY',
        '*.GROQ_API_KEY',
      ],
      censor: '[redacted]',
    },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (options.pretty) {
    return pino({
      ...config,
      transport: {
        target: 'pino-pretty',
        options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l' },
      },
    });
  }
  return options.destination ? pino(config, options.destination) : pino(config);
}

/** A logger that drops everything: the default for libraries and tests. */
export const silentLogger: Logger = pino({ level: 'silent' });
