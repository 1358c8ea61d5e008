import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { DipAuthenticatedRequest } from './dip-signature.guard';

/**
 * Parameter decorator: the participant the {@link DipSignatureGuard} authenticated
 * (`DipAuthenticatedParticipant`).
 * @throws Error when the handler is not behind the guard (a wiring mistake, answered 500).
 */
export const DipParticipant = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const participant = context.switchToHttp().getRequest<DipAuthenticatedRequest>().dipParticipant;
  if (participant === undefined) throw new Error('@DipParticipant() used on a handler that DipSignatureGuard does not protect');
  return participant;
});
