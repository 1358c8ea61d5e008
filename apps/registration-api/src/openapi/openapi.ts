import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { DIP_CONTENT_HASH_HEADER, DIP_SIGNATURE_CERTIFICATE_HEADER, DIP_SIGNATURE_DATE_HEADER, DIP_SIGNATURE_HEADER } from '@app/dip-auth';
import { COMPONENT_SCHEMAS } from './schemas';

/** Where the API description is served: the browsable UI, and the document as JSON. */
export const OPENAPI_UI_PATH = 'docs';
export const OPENAPI_JSON_PATH = 'docs-json';

/** Version of the API description (the service's package version). */
export const API_VERSION = '0.1.0';

/**
 * The four DIP request-signature headers as OpenAPI security schemes (docs/security.md), in the
 * order the DIP documents them. A signed operation requires all four together ({@link DIP_SIGNED}).
 */
export const DIP_SIGNATURE_SCHEMES: Record<string, { header: string; description: string }> = {
  DipSignatureDate: {
    header: DIP_SIGNATURE_DATE_HEADER,
    description: 'The signing instant, UTC ISO 8601 (2025-04-01T09:00:00.000Z), within the skew window of the registry clock.',
  },
  DipContentHash: { header: DIP_CONTENT_HASH_HEADER, description: 'Base64 (44 characters) of the SHA-256 of the exact body bytes sent (of nothing, without a body).' },
  DipSignatureCertificate: {
    header: DIP_SIGNATURE_CERTIFICATE_HEADER,
    description: "Base64 of the PEM text of the signer's X.509 certificate; the registry names the participant by its key's SHA-256 fingerprint (reference-data/participant-keys.json).",
  },
  DipSignature: {
    header: DIP_SIGNATURE_HEADER,
    description: 'Base64 of the RSASSA-PKCS1-v1_5 / SHA-256 signature of the canonical string `METHOD;lower-case-url;date;contentHash` (docs/security.md).',
  },
};

/**
 * The security requirement of every signed operation: all four DIP signature headers (one
 * requirement object = AND). Controllers carry `@ApiSecurity(DIP_SIGNED)`; the probes and
 * `/metrics` (`@PublicEndpoint()`) carry none.
 */
export const DIP_SIGNED: Record<string, string[]> = Object.fromEntries(Object.keys(DIP_SIGNATURE_SCHEMES).map((name) => [name, []]));

/**
 * The API description of the running `app` (every controller, as decorated), with the component
 * schemas and the DIP signature security schemes. Deterministic: nothing depends on the port, the
 * store or the time, so `docs/openapi.json` can be compared with a fresh build.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('MHHS Registration Service')
    .setVersion(API_VERSION)
    .setDescription(
      [
        'The event-sourced system of record for GB electricity metering points (MPANs) under Market-wide Half-Hourly Settlement.',
        'Market participants submit DIP messages (`POST /dip-channel/{channelId}`), read MPANs, portfolios and their notification feed; operators run day-start and watch `/health/*` and `/metrics`.',
        '',
        `Every request but the probes and \`/metrics\` carries the four DIP signature headers (${Object.values(DIP_SIGNATURE_SCHEMES)
          .map((s) => s.header)
          .join(', ')}; docs/security.md): the security schemes below. Positions and revisions are 64-bit decimal strings; effective dates \`YYYY-MM-DD\` UK settlement days; instants UTC.`,
      ].join('\n'),
    )
    .addTag('intake', 'DIP message submission (IF-005, IF-007, IF-025, IF-031, IF-034, REGS-LDSO, REGS-CSS)')
    .addTag('mpans', 'MPAN reads: the query view, search, history')
    .addTag('temporal', 'The MPAN on two time axes, from the log')
    .addTag('participants', "A participant's portfolio and notification feed")
    .addTag('day-start', 'The day-start process (operators)')
    .addTag('operations', 'Probes and metrics (unsigned)');
  for (const [name, scheme] of Object.entries(DIP_SIGNATURE_SCHEMES)) {
    builder.addSecurity(name, { type: 'apiKey', in: 'header', name: scheme.header, description: scheme.description });
  }
  const document = SwaggerModule.createDocument(app, builder.build());
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...COMPONENT_SCHEMAS } };
  return sortedKeys(document);
}

/** `value` with the keys of every object sorted (arrays keep their order): a stable serialisation. */
export function sortedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => sortedKeys(v)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortedKeys((value as Record<string, unknown>)[key]);
  return out as T;
}

/** The document as `docs/openapi.json` holds it: sorted keys, two-space indentation, a final newline. */
export function serializeOpenApi(document: OpenAPIObject): string {
  return `${JSON.stringify(sortedKeys(document), null, 2)}\n`;
}

/**
 * Serves the description: the Swagger UI at `/docs` and the JSON at `/docs-json` (unsigned: they
 * are plain Express routes, outside the controllers and their guards). Returns the document.
 */
export function setupOpenApi(app: INestApplication): OpenAPIObject {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup(OPENAPI_UI_PATH, app, document, {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    raw: ['json'],
    customSiteTitle: 'MHHS Registration Service API',
  });
  return document;
}
