import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction } from 'express';
import { isKnownChannel } from '@app/dip-wire';
import { RegistryMetrics } from './registry-metrics';

/** The submission path, `/dip-channel/{channelId}` (the channel id is the first segment after it). */
const DIP_CHANNEL_PATH = /^\/dip-channel\/([^/?#]*)\/?(?:[?#]|$)/;

/** A request stamped by {@link stampRequestStart}. */
type StampedRequest = IncomingMessage & { regsStartedAt?: bigint };

/**
 * Express middleware installed before the body parsers: notes when the request arrived
 * (`process.hrtime`), so that a body the parsers refuse can be timed from the same point as the
 * submissions the controller answers.
 */
export function stampRequestStart(req: IncomingMessage, _res: ServerResponse, next: NextFunction): void {
  (req as StampedRequest).regsStartedAt = process.hrtime.bigint();
  next();
}

/**
 * Express error middleware installed after the body parsers (and `describeJsonParseError`): a
 * `POST /dip-channel/{channelId}` whose body the JSON or raw parser refused (invalid JSON or UTF-8, a
 * duplicated key, a `__proto__` key, U+0000, a lone surrogate, nesting too deep: 400; too large: 413;
 * another charset: 415) never reaches the controller or its `IntakeMetricsInterceptor`, so it is
 * observed here in `regs_intake_duration_seconds` under its status — and under the channel only when
 * it is an open channel, else `unknown` (no client-made time series). The error goes on unchanged.
 */
export function recordRefusedSubmissionBody(metrics: RegistryMetrics) {
  return (error: unknown, req: IncomingMessage, _res: ServerResponse, next: NextFunction): void => {
    const match = req.method === 'POST' ? DIP_CHANNEL_PATH.exec(req.url ?? '') : null;
    if (match !== null) {
      const requested = safeDecode(match[1]!);
      const channel = isKnownChannel(requested) ? requested : 'unknown';
      const { status, statusCode } = (error ?? {}) as { status?: unknown; statusCode?: unknown };
      const code = typeof status === 'number' ? status : typeof statusCode === 'number' ? statusCode : 500;
      const started = (req as StampedRequest).regsStartedAt;
      const seconds = started === undefined ? 0 : Number(process.hrtime.bigint() - started) / 1e9;
      metrics.recordSubmission(channel, code, seconds, []);
    }
    next(error);
  };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}
