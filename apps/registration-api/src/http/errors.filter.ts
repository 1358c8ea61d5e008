import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DipSignatureRejectedException } from '@app/dip-auth';
import { ProjectionWaitTimeoutError } from '@app/projections';
import { AccessDeniedException } from '../auth/access';
import {
  ConcurrencyRetriesExhaustedError,
  DayStartInFutureError,
  InvalidMpanCoreError,
  markExpectedUnavailable,
  MpanNotFoundError,
  recordRequestError,
} from '@app/registration-app';

/** Error body of every non-2xx answer. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  code?: string;
}

/**
 * The one place errors become HTTP answers (conventions §7): domain lookups → 400/404, concurrency
 * exhaustion → 409, views behind a read-your-writes wait → 503 with Retry-After, Nest HTTP exceptions as they are, the JSON body parser's client errors
 * (400/413/415) with their message, anything else → 500 without internals (the error, with its
 * stack, goes on the request's log line: `recordRequestError`; a VIEW_BEHIND 503 is logged as a warning).
 * A refused DIP signature → 401 with the check's code (`SIGNATURE_INVALID`, …) and its message (which
 * names headers, hashes and key fingerprints, never the signature), and `WWW-Authenticate`; an
 * authorisation refusal → 403 with its code (`OPERATOR_ONLY`, `NOT_OWN_RESOURCE`, `SENDER_NOT_SIGNER`).
 */
@Catch()
export class ErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception, host.switchToHttp().getRequest<Request>().path ?? '');
    if (exception instanceof ProjectionWaitTimeoutError) {
      res.setHeader('Retry-After', '1');
      // The client asked to wait for a position (minPosition/maxWaitMs): an expected answer, logged as a warning.
      markExpectedUnavailable(res, 'VIEW_BEHIND');
    }
    if (body.statusCode >= 500 && body.code === undefined && !recordRequestError(res, exception)) {
      // No request logger (an app created without logging): log the error here, with its stack.
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    }
    if (exception instanceof DipSignatureRejectedException) res.setHeader('WWW-Authenticate', 'DIP-Signature realm="registration-service"');
    res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, path: string): ErrorBody {
    if (exception instanceof InvalidMpanCoreError) {
      return { statusCode: 400, error: 'Bad Request', message: exception.message, code: exception.reason.code };
    }
    if (exception instanceof DayStartInFutureError) {
      return { statusCode: 400, error: 'Bad Request', message: exception.message };
    }
    if (exception instanceof MpanNotFoundError) {
      return { statusCode: 404, error: 'Not Found', message: exception.message, code: 'REG0000' };
    }
    if (exception instanceof ProjectionWaitTimeoutError) {
      return { statusCode: 503, error: 'Service Unavailable', message: exception.message, code: 'VIEW_BEHIND' };
    }
    if (exception instanceof ConcurrencyRetriesExhaustedError) {
      return { statusCode: 409, error: 'Conflict', message: exception.message };
    }
    if (exception instanceof DipSignatureRejectedException) {
      return { statusCode: 401, error: 'Unauthorized', message: exception.reason.message, code: exception.reason.code };
    }
    if (exception instanceof AccessDeniedException) {
      return { statusCode: 403, error: 'Forbidden', message: exception.message, code: exception.code };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message =
        typeof response === 'string'
          ? response
          : Array.isArray((response as { message?: unknown }).message)
            ? ((response as { message: string[] }).message).join('; ')
            : String((response as { message?: unknown }).message ?? exception.message);
      return { statusCode: status, error: httpErrorName(status), message };
    }
    if (isExposedClientError(exception)) {
      // Errors of the body parser (http-errors): 413 body over the size limit, 415 unsupported
      // charset or encoding, 400 aborted request. Their messages are meant for the client.
      const { status } = exception;
      const message =
        status === 413 && typeof exception.limit === 'number'
          ? `the request body is larger than the limit of ${exception.limit} bytes${typeof exception.length === 'number' ? ` (it is ${exception.length} bytes)` : ''}${tooLargeAdvice(path)}`
          : exception.message;
      return { statusCode: status, error: httpErrorName(status), message };
    }
    return { statusCode: 500, error: 'Internal Server Error', message: 'internal error; nothing was acknowledged' };
  }
}

/**
 * What a client whose body was too large can do: only a DIP submission (`/dip-channel/…`) holds
 * messages that can be sent in several submissions; the other bodies are small JSON objects.
 */
function tooLargeAdvice(path: string): string {
  return path.startsWith('/dip-channel/') ? '; send fewer messages per submission' : '';
}

/** An `http-errors` error a middleware (the JSON body parser) raised for a bad request: status 4xx, `expose` set. */
function isExposedClientError(e: unknown): e is Error & { status: number; limit?: unknown; length?: unknown } {
  if (!(e instanceof Error)) return false;
  const { status, expose } = e as { status?: unknown; expose?: unknown };
  return expose === true && typeof status === 'number' && status >= 400 && status < 500;
}

function httpErrorName(status: number): string {
  const names: Record<number, string> = {
    400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict', 413: 'Payload Too Large', 415: 'Unsupported Media Type', 429: 'Too Many Requests',
  };
  return names[status] ?? 'Error';
}
