import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DynamicModule, INestApplicationContext, Module } from '@nestjs/common';
import { Logger as PinoNestLogger, LoggerModule } from 'nestjs-pino';
import { DestinationStream, stdTimeFunctions } from 'pino';
import type { Options as PinoHttpOptions } from 'pino-http';
import type { LogLevel } from '../config/service-configuration';
import { currentMessageLogFields } from './message-log-context';

/** How a registry process logs: pino JSON lines (issue #10 item 4; docs/operations.md "Logs"). */
export interface RegistryLoggingOptions {
  /** `REGISTRY_LOG_LEVEL`. */
  level: LogLevel;
  /** The process, as the `name` of every line: `registration-api`, `registration-projector`. */
  name: string;
  /** Where the lines go; default standard output (tests pass a stream to read them). */
  destination?: DestinationStream;
}

/**
 * Paths pino censors whatever logs them: the DIP signature material (mhhs-domain.md §3.5), HTTP
 * credentials and cookies, and any `password` field. Request lines carry no headers at all (see
 * the `req` serializer); this is the second line of defence for a line that logs headers itself.
 */
export const REDACTED_LOG_PATHS = [
  'req.headers["x-dip-signature"]',
  'req.headers["x-dip-signature-certificate"]',
  'req.headers["x-dip-signature-date"]',
  'req.headers["x-dip-content-hash"]',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers["x-dip-signature"]',
  'headers["x-dip-signature-certificate"]',
  'headers["x-dip-content-hash"]',
  'headers.authorization',
  'headers.cookie',
  'password',
  '*.password',
];

/** Request paths of probes and scrapes, logged at `debug` so that they do not flood `info`. */
const QUIET_PATHS = /^\/(health|metrics)(\/|\?|$)/;

/** An incoming `X-Request-Id` kept as the request id when it is this tame; otherwise a new UUID. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

type LoggedRequest = IncomingMessage & { id?: unknown; originalUrl?: string; dipParticipant?: { dipId?: string } };

/** Where {@link markExpectedUnavailable} leaves its reason on the response. */
const EXPECTED_UNAVAILABLE = Symbol.for('registry.expectedUnavailable');

type LoggedResponse = ServerResponse & { err?: Error; log?: unknown; [EXPECTED_UNAVAILABLE]?: string };

/**
 * Marks a 5xx answer as expected — the service works as designed and the client is told to retry —
 * so that its request line is a `warn` saying `reason` (`request answered 503 VIEW_BEHIND`), not an
 * `error`: a read-your-writes wait the client asked for that timed out (VIEW_BEHIND), a request
 * refused while the service drains for shutdown.
 */
export function markExpectedUnavailable(res: ServerResponse, reason: string): void {
  (res as LoggedResponse)[EXPECTED_UNAVAILABLE] = reason;
}

/**
 * Hands an unexpected error behind a 500 to the request's log line (`err`, with its real stack), the
 * one line of that request. Returns false when no request logger is installed (an app created with
 * `logger: false`), in which case the caller logs the error itself.
 */
export function recordRequestError(res: ServerResponse, error: unknown): boolean {
  const logged = res as LoggedResponse;
  if (logged.log === undefined) return false;
  logged.err = error instanceof Error ? error : new Error(String(error));
  return true;
}

/** pino-http's stand-in for a 5xx without an error ("failed with status code 503"), which has a stack of pino-http's own frames. */
function isSyntheticError(res: LoggedResponse, error: Error | undefined): boolean {
  return error !== undefined && res.err === undefined && error.message === `failed with status code ${res.statusCode}`;
}

/**
 * The pino / pino-http options of a registry process: JSON lines with an ISO UTC `time`, `name`,
 * `level` as a word; the message context of {@link currentMessageLogFields} on every line written
 * while a message is processed; one line per HTTP request when its response is finished, with
 * `req` (`id`, `method`, `url`), `res.statusCode`, `durationMs` and `participant` (the DIP id the
 * request was authenticated as, `request.dipParticipant`, once known); probes at `debug`, 5xx at
 * `error`; no headers or bodies, {@link REDACTED_LOG_PATHS} censored.
 *
 * Levels: 2xx/3xx/4xx `info` (probes `debug`); a 5xx marked with {@link markExpectedUnavailable}
 * `warn` with its reason; any other 5xx `error`, with `err` only when there is a real error
 * ({@link recordRequestError}) — never pino-http's made-up "failed with status code …" error.
 */
export function registryPinoHttpOptions(options: Omit<RegistryLoggingOptions, 'destination'>): PinoHttpOptions<LoggedRequest, ServerResponse> {
  return {
    level: options.level,
    name: options.name,
    timestamp: stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => currentMessageLogFields(),
    redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
    genReqId: (req, res) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: {
      req: (req: { id?: unknown; method?: string; url?: string; raw?: LoggedRequest }) => ({
        id: req.id,
        method: req.method,
        url: req.raw?.originalUrl ?? req.url,
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
    customAttributeKeys: { responseTime: 'durationMs' },
    customProps: (req) => {
      const dipId = req.dipParticipant?.dipId;
      return dipId === undefined ? {} : { participant: dipId };
    },
    customLogLevel: (req, res, error) => {
      const logged = res as LoggedResponse;
      if (error !== undefined || logged.err !== undefined) return 'error';
      if (res.statusCode >= 500) return logged[EXPECTED_UNAVAILABLE] !== undefined ? 'warn' : 'error';
      return QUIET_PATHS.test(req.url ?? '') ? 'debug' : 'info';
    },
    customSuccessMessage: () => 'request completed',
    customErrorMessage: (_req, res, error) => {
      const reason = (res as LoggedResponse)[EXPECTED_UNAVAILABLE];
      if (reason !== undefined && (res as LoggedResponse).err === undefined) return `request answered ${res.statusCode} ${reason}`;
      return isSyntheticError(res as LoggedResponse, error) ? `request answered ${res.statusCode}` : 'request failed';
    },
    customErrorObject: (_req, res, error, fields: Record<string, unknown>) => {
      if (!isSyntheticError(res as LoggedResponse, error)) return fields;
      const { err: _synthetic, ...rest } = fields;
      return rest;
    },
  };
}

/**
 * Wraps a process's root module with nestjs-pino's `LoggerModule` configured by
 * {@link registryPinoHttpOptions}. Create the app (with `{ logger: false, abortOnError: false }`,
 * so that a boot error is thrown to the caller rather than logged by Nest) and then call
 * {@link useRegistryLogger}: from then on Nest's lines and every `new Logger(context)` go through pino.
 */
@Module({})
export class RegistryLoggingModule {
  static wrap(root: DynamicModule, options: RegistryLoggingOptions): DynamicModule {
    const pinoHttp = registryPinoHttpOptions(options);
    return {
      module: RegistryLoggingModule,
      imports: [root, LoggerModule.forRoot({ pinoHttp: options.destination ? [pinoHttp, options.destination] : pinoHttp })],
    };
  }
}

/** Makes the app log through the pino logger of {@link RegistryLoggingModule} (and flushes what was buffered). */
export function useRegistryLogger(app: INestApplicationContext): void {
  app.useLogger(app.get(PinoNestLogger));
  app.flushLogs();
}
