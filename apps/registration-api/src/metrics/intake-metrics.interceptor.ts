import { CallHandler, ExecutionContext, HttpException, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Observable, tap } from 'rxjs';
import { isKnownChannel } from '@app/dip-wire';
import type { Acknowledgement } from '../dip-channel/acknowledgement';
import { countedMessages } from './message-outcomes';
import { RegistryMetrics } from './registry-metrics';

/**
 * Counts each submission to `POST /dip-channel/{channelId}` from the outside: the request body (for
 * each message's event code) and the acknowledgement the handler returns (for each outcome), and
 * times it. A refused submission (400, 404, 413, 415 …) is timed under its status and counts no
 * message. Only for the DIP channel controller (`@UseInterceptors(IntakeMetricsInterceptor)`).
 */
@Injectable()
export class IntakeMetricsInterceptor implements NestInterceptor {
  constructor(private readonly metrics: RegistryMetrics) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const started = process.hrtime.bigint();
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    // A label value only for an open channel: anything else a client puts in the path (refused with
    // 404, or earlier with 415 …) is counted under `unknown`, so no request can add a time series.
    const requested = String(request.params.channelId ?? '');
    const channel = isKnownChannel(requested) ? requested : 'unknown';
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    return next.handle().pipe(
      tap({
        next: (answer) => {
          const ack = answer as Acknowledgement;
          const body: unknown[] = Array.isArray(request.body) ? (request.body as unknown[]) : [];
          this.metrics.recordSubmission(channel, http.getResponse<Response>().statusCode, seconds(), countedMessages(channel, body, ack.messageArray ?? []));
        },
        error: (error: unknown) => {
          const status = error instanceof HttpException ? error.getStatus() : 500;
          this.metrics.recordSubmission(channel, status, seconds(), []);
        },
      }),
    );
  }
}
