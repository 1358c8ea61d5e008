import { CanActivate, ExecutionContext, Inject, Injectable, Optional, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { DipAuthError } from '../dip-auth.error';
import { DipKeyring } from '../keyring/dip-keyring';
import { DipAuthenticatedParticipant, verifyDipRequest } from '../verify-dip-request';
import { DIP_PUBLIC_ENDPOINT } from './public-endpoint.decorator';

/** Injection token for the {@link DipAuthSettings} the {@link DipSignatureGuard} verifies with. */
export const DIP_AUTH_SETTINGS = Symbol('DIP_AUTH_SETTINGS');

/** What the guard needs: the keyring, the skew window, the mode and the clock. */
export interface DipAuthSettings {
  keyring: DipKeyring;
  /** Largest accepted |signature date − now|, in milliseconds. */
  maxSkewMs: number;
  /** Production mode: public sample keys are refused (`SAMPLE_KEY_REFUSED`). */
  production: boolean;
  /** The registry's clock (structurally the `Clock` of `@app/registration-app`): UTC ISO instants. */
  clock: { now(): string };
  /** The public origin DIP-style clients sign absolute URLs on (`https://registry.example.org`), or none. */
  publicOrigin?: string | null;
}

/** An Express request once the guard has let it through. */
export type DipAuthenticatedRequest = Request & {
  /** The exact body bytes, kept by the body parser's `verify` callback (see {@link DipSignatureGuard}). */
  rawBody?: Buffer;
  /** The participant whose registered key signed the request. */
  dipParticipant?: DipAuthenticatedParticipant;
};

/**
 * A refused signature as an HTTP answer: 401, the message of the {@link DipAuthError} prefixed with
 * its code (`SIGNATURE_INVALID: …`); `reason` keeps the error for an exception filter.
 */
export class DipSignatureRejectedException extends UnauthorizedException {
  constructor(readonly reason: DipAuthError) {
    super(`${reason.code}: ${reason.message}`);
  }
}

/**
 * Guard verifying the DIP signature of every request it protects (issue #8 item 1; mhhs-domain.md
 * §3.5) with {@link verifyDipRequest}, and attaching the authenticated participant to the request
 * as `request.dipParticipant`. Registered globally (APP_GUARD) by the registration API. A handler
 * or controller marked {@link PublicEndpoint} (read with the Reflector, handler first) is let
 * through unsigned, without a participant.
 *
 * It needs the body's exact bytes as `request.rawBody`: every body parser in front of it must keep
 * them in its `verify` callback. The registration API does so with its own parsers
 * (`jsonBodyParserOptions`, whose `verify` also runs the strict JSON checks, and `keepRawBody` for
 * other content types; apps/registration-api/src/bootstrap.ts). Nest's `rawBody: true` option
 * would also keep them, but it REPLACES any `verify` callback, so it must not be combined with
 * parsers that check in `verify`. In plain Express:
 * `express.json({ verify: (req, _res, buf) => { req.rawBody = buf } })`.
 * Guards run after middleware, so the body has been read by then. A request without a body, or
 * with a content type the parser skips, is verified as an empty body. A body that was parsed but
 * not kept is a wiring mistake and fails loudly (500) rather than being verified as empty.
 *
 * @throws DipSignatureRejectedException (401) for every {@link DipAuthError}.
 */
@Injectable()
export class DipSignatureGuard implements CanActivate {
  constructor(
    @Inject(DIP_AUTH_SETTINGS) private readonly settings: DipAuthSettings,
    @Optional() private readonly reflector?: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.reflector?.getAllAndOverride<boolean>(DIP_PUBLIC_ENDPOINT, [context.getHandler(), context.getClass()]) === true) return true;
    const request = context.switchToHttp().getRequest<DipAuthenticatedRequest>();
    if (request.rawBody === undefined && request.body !== undefined) {
      throw new Error('DipSignatureGuard: the body was parsed but its raw bytes were not kept; keep them as request.rawBody in the body parser\'s verify callback (see DipSignatureGuard)');
    }
    try {
      request.dipParticipant = verifyDipRequest({
        method: request.method,
        url: request.originalUrl,
        rawBody: request.rawBody ?? Buffer.alloc(0),
        headers: request.headers,
        now: this.settings.clock.now(),
        maxSkewMs: this.settings.maxSkewMs,
        production: this.settings.production,
        keyring: this.settings.keyring,
        publicOrigin: this.settings.publicOrigin ?? null,
      });
    } catch (error) {
      if (error instanceof DipAuthError) throw new DipSignatureRejectedException(error);
      throw error;
    }
    return true;
  }
}
