import { CallHandler, ExecutionContext, HttpException, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Observable, tap } from 'rxjs';
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
    const channel = String(request.params.channelId ?? 'unknown');
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    return next.handle().pipe(
      tap({
        next: (answer) => {
          const ack = answer as Acknowledgement;
          const body: unknown[] = Array.isArray(request.body) ? (request.body as unknown[]) : [];
          this.metrics.recordSubmission(channel, http.getResponse<Response>().statusCode, seconds(), countedMessages(channel, body, ack.messageArray ?? []));
        },
        error: (error: unknown) => {
          // Unknown channels are not a label value: a 404 is counted under `unknown`.
          const status = error instanceof HttpException ? error.getStatus() : 500;
          this.metrics.recordSubmission(status === 404 ? 'unknown' : channel, status, seconds(), []);
        },
      }),
    );
  }
}
