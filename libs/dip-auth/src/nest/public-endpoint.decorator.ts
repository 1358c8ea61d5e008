import { SetMetadata } from '@nestjs/common';

/** Metadata key set by {@link PublicEndpoint}: the handler or controller needs no DIP signature. */
export const DIP_PUBLIC_ENDPOINT = 'dip-auth:public-endpoint';

/**
 * Marks a controller or handler that the DIP signature guard lets through unsigned: liveness and
 * readiness probes (a load balancer cannot sign) and the OpenAPI description. Everything else the
 * registry serves needs a signed request (issue #8; docs/security.md).
 */
export const PublicEndpoint = (): MethodDecorator & ClassDecorator => SetMetadata(DIP_PUBLIC_ENDPOINT, true);
