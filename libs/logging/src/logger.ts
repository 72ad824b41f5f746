import { LoggerService } from '@nestjs/common';
import { createHmac, randomBytes } from 'node:crypto';
import pino, { DestinationStream, Logger } from 'pino';

/**
 * Structured logs: one JSON object a line on stdout (pino), for the HTTP requests (request-logging.ts),
 * Nest's own messages, the background work, and start and stop with the settings in force.
 *
 * Nothing personal is logged: no request or response bodies, no headers, no names; a caller's `sub`
 * only as `subHash`, a keyed hash (HMAC-SHA256), so the lines of one caller can be followed without
 * saying who it is.
 */

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** LOG_LEVEL (default info); another value is a start-up error. */
export function logLevelOf(value: string | undefined): LogLevel {
  if (value === undefined || value === '') return 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(value)) throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${value}"`);
  return value as LogLevel;
}

export interface LoggerOptions {
  level?: LogLevel;
  /** Where the lines go (stdout by default); tests pass a stream of their own. */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? logLevelOf(process.env.LOG_LEVEL),
      base: { service: 'franvaroliggaren', pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Belt and braces: these never belong in a line, whoever logs an object holding them.
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'headers.cookie', 'body', 'req.body', 'password', 'secret'],
        censor: '[redacted]',
      },
    },
    options.destination,
  );
}

let processLogger: Logger | undefined;

/** The process's logger (stdout, LOG_LEVEL), made on first use. */
export function rootLogger(): Logger {
  processLogger ??= createLogger();
  return processLogger;
}

/**
 * The key of `subHash`: LOG_SUBJECT_KEY when set, else derived from AUTH_JWT_SECRET (stable across
 * restarts and processes of one deployment), else random per process.
 */
export function subjectHasher(env: NodeJS.ProcessEnv = process.env): (sub: string) => string {
  const key = env.LOG_SUBJECT_KEY
    ? Buffer.from(env.LOG_SUBJECT_KEY)
    : env.AUTH_JWT_SECRET
      ? createHmac('sha256', env.AUTH_JWT_SECRET).update('franvaroliggaren log subject key').digest()
      : randomBytes(32);
  return (sub) => createHmac('sha256', key).update(sub).digest('hex').slice(0, 16);
}

/** Nest's start-up chatter (modules loaded, routes mapped) goes to debug, the rest to its own level. */
const FRAMEWORK_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

/** Nest's logger routed to pino: `new Logger('Context').log(…)` becomes a JSON line with `context`. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    const context = contextOf(rest);
    this.write(context && FRAMEWORK_CONTEXTS.has(context) ? 'debug' : 'info', message, context);
  }
  error(message: unknown, ...rest: unknown[]): void {
    const context = contextOf(rest);
    // Nest calls error(message, stack?, context?).
    const stack = rest.length >= 2 && typeof rest[0] === 'string' ? rest[0] : undefined;
    if (message instanceof Error) this.logger.error({ context, err: message }, message.message);
    else this.logger.error({ context, ...(stack ? { stack } : {}) }, String(message));
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, contextOf(rest));
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, contextOf(rest));
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, contextOf(rest));
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, contextOf(rest));
  }

  private write(level: 'fatal' | 'warn' | 'info' | 'debug' | 'trace', message: unknown, context: string | undefined): void {
    if (message instanceof Error) this.logger[level]({ context, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.logger[level]({ context, ...message });
    else this.logger[level]({ context }, String(message));
  }
}

function contextOf(rest: unknown[]): string | undefined {
  const last = rest[rest.length - 1];
  return typeof last === 'string' ? last : undefined;
}

const SECRET_NAME = /secret|password|passphrase|token|credential|(^|[a-z_])key$/i;

/**
 * The settings for the start and stop lines, secrets masked: a value whose name says secret, key,
 * password or token is only said to be set; a URL loses its user, password and query.
 */
export function maskSettings(settings: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(settings)) {
    if (value === undefined || value === null) out[name] = null;
    else if (SECRET_NAME.test(name)) out[name] = '[set]';
    else if (typeof value === 'string') out[name] = maskUrl(value);
    else if (typeof value === 'number' || typeof value === 'boolean') out[name] = value;
    else if (Array.isArray(value)) out[name] = value.map((v) => (typeof v === 'string' ? maskUrl(v) : typeof v === 'number' ? v : '[object]'));
    else if (Buffer.isBuffer(value)) out[name] = '[set]';
    else if (typeof value === 'object') out[name] = maskSettings(value);
  }
  return out;
}

function maskUrl(value: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return value;
  try {
    const url = new URL(value);
    if (url.username) url.username = '***';
    if (url.password) url.password = '***';
    if (url.search) url.search = '?***';
    return url.toString();
  } catch {
    return '[unparsable URL]';
  }
}
