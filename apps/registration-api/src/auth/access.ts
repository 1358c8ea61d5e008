import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DIP_PUBLIC_ENDPOINT, DipAuthenticatedParticipant, DipAuthenticatedRequest } from '@app/dip-auth';
import { REFERENCE_DATA, REGISTRY_CONFIG, RegistryConfig } from '@app/registration-app';
import { ReferenceData } from '@app/registration-domain';

/**
 * Why an authenticated request was refused (403; docs/security.md "Authorisation", ADR 0011):
 * the code is in the answer's `code`.
 */
export type AccessDeniedCode =
  /** An operator / auditor endpoint called with a key not registered to the registry's own DIP id. */
  | 'OPERATOR_ONLY'
  /** A participant's own resource (feed, portfolio, history replay) asked for by another participant. */
  | 'NOT_OWN_RESOURCE'
  /** A DIP message whose `S1.senderDIPID` is not the participant that signed the submission. */
  | 'SENDER_NOT_SIGNER';

/** 403 with a reason code; rendered by the errors filter as `{ statusCode: 403, error: 'Forbidden', message, code }`. */
export class AccessDeniedException extends ForbiddenException {
  constructor(
    readonly code: AccessDeniedCode,
    message: string,
  ) {
    super(message);
  }
}

const OPERATOR_ONLY = 'registry-auth:operator-only';
const OWN_RESOURCE = 'registry-auth:own-resource';

/**
 * Marks an operator / auditor endpoint (registry-wide reads, the day-start trigger): only a request
 * signed by a key registered to the registry's own DIP id (`REGISTRY_DIP_ID`, role REGS) passes.
 */
export const OperatorOnly = (): MethodDecorator & ClassDecorator => SetMetadata(OPERATOR_ONLY, true);

/**
 * Marks an endpoint that serves one participant's own resource, named by the route parameter
 * `param` (`/participants/{dipId}/…`) or the query parameter `query` (`?participant=`): only that
 * participant may call it.
 */
export const OwnResource = (where: { param: string } | { query: string }): MethodDecorator & ClassDecorator => SetMetadata(OWN_RESOURCE, where);

/**
 * The authorisation guard (issue #8 item 2), run after {@link DipSignatureGuard} on every
 * request, on the endpoint's metadata:
 *
 * - {@link OperatorOnly}: the authenticated participant must be the registry itself
 *   (`config.registryDipId`), else 403 `OPERATOR_ONLY`;
 * - {@link OwnResource}: the DIP id named by the request must be the authenticated participant's,
 *   else 403 `NOT_OWN_RESOURCE`. A value that is not a DIP id, or a DIP id the reference data does
 *   not know, is let through for the endpoint to answer 400 / 404 (the participants are public
 *   reference data: a 404 tells nothing a 403 would hide). An absent query parameter is the
 *   endpoint's 400.
 *
 * Endpoints without either mark are open to every authenticated participant (the MPAN query view
 * and search, as the enquiry service allows). {@link PublicEndpoint}s are not checked.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(REGISTRY_CONFIG) private readonly config: RegistryConfig,
    @Inject(REFERENCE_DATA) private readonly referenceData: ReferenceData,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(DIP_PUBLIC_ENDPOINT, targets) === true) return true;
    const request = context.switchToHttp().getRequest<DipAuthenticatedRequest>();
    const participant = request.dipParticipant;
    if (participant === undefined) throw new Error('AccessGuard: no authenticated participant; DipSignatureGuard must run first');
    if (this.reflector.getAllAndOverride<boolean>(OPERATOR_ONLY, targets) === true) this.assertOperator(participant, request);
    const own = this.reflector.getAllAndOverride<{ param: string } | { query: string } | undefined>(OWN_RESOURCE, targets);
    if (own !== undefined) this.assertOwn(participant, own, request);
    return true;
  }

  private assertOperator(participant: DipAuthenticatedParticipant, request: DipAuthenticatedRequest): void {
    if (participant.dipId === this.config.registryDipId) return;
    throw new AccessDeniedException(
      'OPERATOR_ONLY',
      `${request.method} ${request.path} is an operator endpoint: sign with a key registered to the registry's own DIP id ${this.config.registryDipId}; the key used belongs to ${labelOf(participant)}`,
    );
  }

  private assertOwn(participant: DipAuthenticatedParticipant, own: { param: string } | { query: string }, request: DipAuthenticatedRequest): void {
    const raw = 'param' in own ? request.params[own.param] : request.query[own.query];
    if (typeof raw !== 'string' || !/^\d{10}$/.test(raw) || this.referenceData.participant(raw) === undefined) return;
    if (raw === participant.dipId) return;
    const what = 'param' in own ? `the resources of participant ${raw}` : `${own.query}=${raw}`;
    throw new AccessDeniedException(
      'NOT_OWN_RESOURCE',
      `${labelOf(participant)} may not use ${what}: a participant reads and changes only its own feed, portfolio and history (${request.method} ${request.path})`,
    );
  }
}

/** `1000000001 (BRWE)`. */
export function labelOf(participant: Pick<DipAuthenticatedParticipant, 'dipId' | 'mpid'>): string {
  return `${participant.dipId} (${participant.mpid})`;
}
