import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateInputMessage } from '@app/dip-wire/conformance';
import { EXAMPLE_ANSWERS, EXAMPLE_REQUESTS } from '../apps/registration-api/src/openapi/examples';
import { buildOpenApiDocument, DIP_SIGNED, serializeOpenApi } from '../apps/registration-api/src/openapi/openapi';
import { REPO_ROOT, startTestApp, TestApp } from './support/app';
import { EXAMPLES_NOW, renderExamplesModule, runExamplesScenario, ScenarioAnswers, scenarioRequests, withFixedEventIds } from './support/openapi-scenario';

/**
 * The API description (issue #10 item 1): docs/openapi.json is what the real app module describes
 * (regenerate with `npm run openapi`), it is served at /docs and /docs-json, every signed operation
 * requires the four DIP signature headers, and its examples are real — the answers the app gives.
 */

const COMMITTED = join(REPO_ROOT, 'docs', 'openapi.json');
const EXAMPLES_FILE = join(REPO_ROOT, 'apps', 'registration-api', 'src', 'openapi', 'examples.ts');

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});

afterAll(async () => {
  await t?.close();
});

type Operation = { security?: Array<Record<string, string[]>>; operationId: string };

/** Every operation of the document as `METHOD path`. */
function operations(document: { paths: Record<string, Record<string, Operation>> }): Array<[string, Operation]> {
  return Object.entries(document.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]): [string, Operation] => [`${method.toUpperCase()} ${path}`, op]));
}

describe('docs/openapi.json', () => {
  it('is the description the app module gives now (else: npm run openapi, and commit it)', () => {
    const generated = serializeOpenApi(buildOpenApiDocument(t.app));
    const committed = readFileSync(COMMITTED, 'utf8');
    if (generated !== committed) {
      const a = committed.split('\n');
      const b = generated.split('\n');
      const line = b.findIndex((l, i) => l !== a[i]);
      throw new Error(
        `docs/openapi.json is stale: run \`npm run openapi\` and commit it. First difference at line ${line + 1}:\n- ${a[line] ?? '(end of file)'}\n+ ${b[line] ?? '(end of file)'}`,
      );
    }
  });

  it('is deterministic: two builds are byte for byte the same, with no server, port or time in it', () => {
    const once = serializeOpenApi(buildOpenApiDocument(t.app));
    expect(serializeOpenApi(buildOpenApiDocument(t.app))).toBe(once);
    const document = JSON.parse(once) as { servers: unknown[] };
    expect(document.servers).toEqual([]);
    expect(once).not.toMatch(/127\.0\.0\.1|localhost|regs-e2e-/);
  });

  it('requires the four DIP signature headers on every operation but the probes and /metrics', () => {
    const document = buildOpenApiDocument(t.app) as unknown as { paths: Record<string, Record<string, Operation>>; components: { securitySchemes: Record<string, { in: string; name: string }> } };
    expect(Object.values(document.components.securitySchemes).map((s) => `${s.in}:${s.name}`).sort()).toEqual([
      'header:X-DIP-Content-Hash',
      'header:X-DIP-Signature',
      'header:X-DIP-Signature-Certificate',
      'header:X-DIP-Signature-Date',
    ]);
    const unsigned = operations(document).filter(([, op]) => op.security === undefined).map(([name]) => name);
    expect(unsigned.sort()).toEqual(['GET /health/live', 'GET /health/ready', 'GET /metrics']);
    for (const [name, op] of operations(document)) {
      if (!unsigned.includes(name)) expect({ name, security: op.security }).toEqual({ name, security: [DIP_SIGNED] });
    }
  });

  it('documents 401 (signature) and 429 (rate limit) on every signed operation, and 403 on every one the access guard or the intake can refuse', () => {
    const document = buildOpenApiDocument(t.app) as unknown as { paths: Record<string, Record<string, Operation & { responses: Record<string, { description: string }> }>> };
    const all = operations(document) as Array<[string, Operation & { responses: Record<string, { description: string }> }]>;
    const signed = all.filter(([, op]) => op.security !== undefined);
    expect(signed.length).toBeGreaterThan(15);
    for (const [name, op] of signed) {
      expect({ name, statuses: Object.keys(op.responses) }).toEqual({ name, statuses: expect.arrayContaining(['401', '429']) });
      expect(op.responses['401']!.description).toContain('SIGNATURE_INVALID');
    }
    const forbidden = (code: string) => signed.filter(([, op]) => op.responses['403']?.description.includes(code)).map(([name]) => name).sort();
    // The temporal, events and day-start operations are the operator's (@OperatorOnly()).
    expect(forbidden('OPERATOR_ONLY')).toEqual([
      'GET /day-start',
      'GET /mpans/{mpanCore}/diff',
      'GET /mpans/{mpanCore}/events',
      'GET /mpans/{mpanCore}/explain',
      'GET /mpans/{mpanCore}/state',
      'GET /mpans/{mpanCore}/timeline',
      'POST /day-start',
    ]);
    // Everything under /participants/{dipId} and the history replay's participant (@OwnResource).
    expect(forbidden('NOT_OWN_RESOURCE')).toEqual([
      'DELETE /participants/{dipId}/publication-config',
      'GET /mpans/{mpanCore}/history',
      'GET /participants/{dipId}/portfolio',
      'GET /participants/{dipId}/publication-config',
      'GET /participants/{dipId}/publications',
      'POST /participants/{dipId}/publications/ack',
      'POST /participants/{dipId}/publications/replay',
      'PUT /participants/{dipId}/publication-config',
    ]);
    expect(forbidden('SENDER_NOT_SIGNER')).toEqual(['POST /dip-channel/{channelId}']);
    for (const [name, op] of all.filter(([, o]) => o.security === undefined)) expect({ name, statuses: Object.keys(op.responses) }).toEqual({ name, statuses: expect.not.arrayContaining(['401', '429']) });
  });

  it('resolves every $ref to a component', () => {
    const text = serializeOpenApi(buildOpenApiDocument(t.app));
    const document = JSON.parse(text) as { components: { schemas: Record<string, unknown> } };
    const refs = [...text.matchAll(/"\$ref": "#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(20);
    expect(refs.filter((name) => !(name in document.components.schemas))).toEqual([]);
  });
});

describe('served description', () => {
  it('serves the document as JSON at /docs-json and the Swagger UI at /docs, unsigned', async () => {
    const json = await t.http.get('/docs-json');
    expect(json.status).toBe(200);
    expect(json.body).toEqual(JSON.parse(readFileSync(COMMITTED, 'utf8')));
    const ui = await t.http.get('/docs');
    expect(ui.status).toBe(200);
    expect(ui.headers['content-type']).toMatch(/^text\/html/);
    expect(ui.text).toContain('swagger-ui');
  });
});

describe('examples', () => {
  it('the IF-031 and the other request examples validate against the official DIP schemas', () => {
    expect(EXAMPLE_REQUESTS).toEqual(scenarioRequests());
    for (const [channel, body] of [
      ['IF-031', EXAMPLE_REQUESTS.if031MsApp],
      ['IF-031', EXAMPLE_REQUESTS.if031Backdated],
      ['IF-034', EXAMPLE_REQUESTS.if034MsAppSpResponse],
      ['REGS-LDSO', EXAMPLE_REQUESTS.mpanCreation],
      ['REGS-CSS', EXAMPLE_REQUESTS.initialRegistration],
    ] as const) {
      const { valid, errors } = validateInputMessage(body[0], channel);
      expect({ channel, valid, errors }).toEqual({ channel, valid: true, errors: [] });
    }
  });

  it('are the answers the app gives to the story behind them (UPDATE_OPENAPI_EXAMPLES=1 rewrites them)', async () => {
    const app = await startTestApp({ now: EXAMPLES_NOW });
    let answers: ScenarioAnswers;
    try {
      answers = await runExamplesScenario(app);
    } finally {
      await app.close();
    }
    // The stories the document tells, checked before anything is written: an IF-031 accepted, one
    // rejected with REG1034 first, a feed page, the MPAN on 2025-04-02, errors, the probes.
    const status = Object.fromEntries(Object.entries(answers).map(([name, a]) => [name, a.status]));
    expect(status).toEqual({
      mpanCreation: 201, initialRegistration: 201, if031Accepted: 201, if031Rejected: 201, schemaFailure: 400, if034Accepted: 201,
      feedPage: 200, mpan: 200, search: 200, portfolio: 200, events: 200,
      badMpanCore: 400, unknownMpan: 404, unknownChannel: 404, notAnArray: 400, live: 200, ready: 200, notReady: 503,
    });
    const story = withFixedEventIds(answers) as typeof EXAMPLE_ANSWERS;
    for (const name of ['mpanCreation', 'initialRegistration', 'if031Accepted', 'if034Accepted'] as const) {
      expect({ name, responseCode: story[name].body.messageArray[0].outcome.responseCode }).toEqual({ name, responseCode: 'A' });
    }
    expect(story.if031Rejected.body.messageArray[0].outcome.responseMessages[0].code).toBe('REG1034');
    expect(story.feedPage.body.items).toHaveLength(2);
    expect(story.mpan.body.snapshot.meteringService?.value.providerDipId).toBe('2000000001');
    if (process.env.UPDATE_OPENAPI_EXAMPLES === '1') {
      writeFileSync(EXAMPLES_FILE, renderExamplesModule(answers));
      return;
    }
    expect(story).toEqual(EXAMPLE_ANSWERS);
  });
});
