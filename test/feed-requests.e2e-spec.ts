import { mpanCreationMessage, SAMPLE } from '@app/dip-wire/testing/fixtures';
import { EVENT_STORE, EventStore } from '@app/event-store';
import type { FeedPage } from '@app/projections/feed';
import { startTestApp, TestApp } from './support/app';
import { accepted, LDSO_CHANNEL } from './support/appointments';
import { message, mpanCore } from './support/dip';

/**
 * How the participant feed API refuses malformed requests over HTTP (docs/feed.md "Participant
 * API"): content types (415 before anything else), bodies that are not flat JSON objects, body
 * fields of the wrong type, unknown or repeated query parameters, and messages that never echo
 * more than a short excerpt of what was sent. Nothing refused changes anything. The app runs as a
 * UIT registry, so the items' S1.environmentTag is checked too.
 */

const BRWE = SAMPLE.suppliers.BRWE;
const EES = '9000000003';
const ACK = `/participants/${EES}/publications/ack`;
const REPLAY = `/participants/${EES}/publications/replay`;
const CONFIG = `/participants/${EES}/publication-config`;
const PUBLICATIONS = `/participants/${EES}/publications`;
const MAX = Number.MAX_SAFE_INTEGER;

/** `{"x": [[[ … ]]]}` nested `depth` arrays deep (about 2 bytes a level). */
const deeplyNested = (field: string, depth: number) => `{"${field}": ${'['.repeat(depth)}${']'.repeat(depth)}}`;

describe('participant feed API: malformed requests', () => {
  let t: TestApp;

  const head = async () => (await t.app.get<EventStore>(EVENT_STORE).headPosition()).toString();
  const json = (method: 'post' | 'put', path: string, raw: string) => t.http[method](path).set('content-type', 'application/json').send(raw);
  const state = async () => {
    const page = (await t.http.get(PUBLICATIONS).query({ minPosition: await head() })).body as FeedPage;
    const config = (await t.http.get(CONFIG)).body as Record<string, unknown>;
    return { acknowledgedSequence: page.acknowledgedSequence, eventCodes: config.eventCodes, webhookUrl: config.webhookUrl };
  };

  beforeAll(async () => {
    // A test environment: the feed stamps S1.environmentTag with it.
    t = await startTestApp({ env: { REGISTRY_ENVIRONMENT_TAG: 'UIT' } });
    // Two items for the EES (IF-050 [MPANCreation]).
    await accepted(t.http, LDSO_CHANNEL, message(mpanCreationMessage, { mpanCore: mpanCore('19', 9101) }));
    await accepted(t.http, LDSO_CHANNEL, message(mpanCreationMessage, { mpanCore: mpanCore('19', 9102) }));
    expect((await state()).acknowledgedSequence).toBe(0);
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('deeply nested JSON bodies are refused with 400, not a crash', () => {
    it.each([
      ['PUT publication-config', 'x', 'put', CONFIG],
      ['PUT publication-config', 'eventCodes', 'put', CONFIG],
      ['POST publications/ack', 'x', 'post', ACK],
      ['POST publications/ack', 'sequence', 'post', ACK],
      ['POST publications/replay', 'x', 'post', REPLAY],
      ['POST publications/replay', 'fromSequence', 'post', REPLAY],
    ] as const)('%s with {"%s": [[[…5000 deep…]]]}', async (_, field, method, path) => {
      const before = await state();
      const res = await json(method, path, deeplyNested(field, 5000));
      expect(res.status).toBe(400);
      // Refused by the strict scan of the body text, before it is parsed (docs/security.md "Limits on input").
      expect(res.body.message).toBe(`the JSON body is refused: $.${field}${'[0]'.repeat(31)} nests deeper than 32 levels of arrays and objects`);
      expect(await state()).toEqual(before);
    });

    it('refuses a shallow array nested in a field as not flat', async () => {
      const res = await json('post', ACK, deeplyNested('sequence', 2));
      expect([res.status, res.body.message]).toEqual([400, expect.stringMatching(/^the body must be a flat JSON object/)]);
      expect(res.body.message).toContain('field "sequence" nests an array or object inside an array');
    });

    it('also refuses an object as a field value', async () => {
      const res = await json('post', ACK, '{"sequence": {"value": 1}}');
      expect([res.status, res.body.message]).toEqual([400, expect.stringContaining('field "sequence" holds an object')]);
    });
  });

  describe('415 for a body that is not application/json, before anything else is checked', () => {
    it.each([
      ['POST publications/ack', 'post', ACK, '{"sequence": 1}'],
      ['POST publications/replay', 'post', REPLAY, '{"fromSequence": 1}'],
      ['PUT publication-config', 'put', CONFIG, '{"eventCodes": null}'],
    ] as const)('%s as text/plain', async (_, method, path, body) => {
      const res = await t.http[method](path).set('content-type', 'text/plain').send(body);
      expect(res.status).toBe(415);
      expect(res.body.message).toMatch(/^send the body as application\/json, e\.g\. \{.*\} \(got "text\/plain"\)$/);
    });

    it('without a content type', async () => {
      const res = await t.http.post(ACK);
      expect([res.status, res.body.message]).toEqual([415, expect.stringContaining('(got no content type)')]);
    });
  });

  describe('body type errors name the problem', () => {
    const notAnObject: Array<[string, string]> = [
      ['[]', 'an array'],
      ['null', 'null'],
      ['"x"', 'a string'],
      ['2', 'a number'],
      ['true', 'a boolean'],
    ];

    it.each([
      [ACK, 'sequence', 0],
      [REPLAY, 'fromSequence', 1],
    ] as const)('%s: the body and its %s', async (path, field, min) => {
      const cases: Array<[string, string]> = [
        [`{"${field}": "2"}`, `${field} must be a whole number from ${min} to ${MAX}, got "2"`],
        [`{"${field}": null}`, `${field} must be a whole number from ${min} to ${MAX}, got null`],
        [`{"${field}": 1.5}`, `${field} must be a whole number from ${min} to ${MAX}, got 1.5`],
        [`{"${field}": -1}`, `${field} must be a whole number from ${min} to ${MAX}, got -1`],
        [`{"${field}": [1]}`, `${field} must be a whole number from ${min} to ${MAX}, got [1]`],
        ['{}', `${field} is required: a whole number from ${min} to ${MAX}, e.g. {"${field}": ${min + 1}}`],
        ...notAnObject.map(([raw, what]): [string, string] => [raw, `the body must be a JSON object, e.g. {"${field}": ${min + 1}}; got ${what}`]),
      ];
      for (const [raw, expected] of cases) {
        const res = await json('post', path, raw);
        expect([raw, res.status, res.body.message]).toEqual([raw, 400, expected]);
      }
    });

    it('publication-config: a body that is not an object', async () => {
      for (const [raw, what] of notAnObject) {
        const res = await json('put', CONFIG, raw);
        expect([raw, res.status, res.body.message]).toEqual([raw, 400, expect.stringMatching(new RegExp(`^the body must be a JSON object, e\\.g\\. \\{.*\\}; got ${what}$`))]);
      }
    });

    it('an unknown field is named, with the fields the endpoint takes', async () => {
      const res = await json('post', ACK, '{"sequence": 1, "seq": 1}');
      expect([res.status, res.body.message]).toEqual([400, 'unknown field "seq"; this body takes only sequence']);
      const put = await json('put', CONFIG, '{"callbackURL": "https://example.org/x"}');
      expect([put.status, put.body.message]).toEqual([400, 'unknown field "callbackURL"; this body takes only eventCodes, webhookUrl']);
    });

    it('a valid acknowledgement still works', async () => {
      const res = await json('post', ACK, '{"sequence": 1}');
      expect([res.status, res.body.acknowledgedSequence]).toEqual([200, 1]);
    });
  });

  describe('query parameters of GET publications', () => {
    it('refuses unknown, repeated and structured parameters with the wording of the MPAN views', async () => {
      const unknown = await t.http.get(`${PUBLICATIONS}?foo=bar`);
      expect([unknown.status, unknown.body.message]).toEqual([400, 'unknown query parameter "foo"; this endpoint accepts after, limit, minPosition, maxWaitMs']);
      const portfolio = await t.http.get(`/participants/${EES}/portfolio?foo=bar`);
      expect(portfolio.body.message).toMatch(/^unknown query parameter "foo"; this endpoint accepts /);

      const repeated = await t.http.get(`${PUBLICATIONS}?after=1&after=2`);
      const repeatedView = await t.http.get(`/participants/${EES}/portfolio?limit=1&limit=2`);
      expect([repeated.status, repeated.body.message]).toEqual([400, 'query parameter after must be given once, as a plain value']);
      expect(repeatedView.body.message).toBe('query parameter limit must be given once, as a plain value');

      const structured = await t.http.get(`${PUBLICATIONS}?after[]=1`);
      expect(structured.status).toBe(400);
      expect(structured.body.message).toMatch(/^(unknown query parameter "after\[\]"|query parameter after must be given once, as a plain value)/);
    });

    it('refuses an unknown parameter on the endpoints that take none or few: publication-config, day-start status, an MPAN\'s events', async () => {
      const config = await t.http.get(`${CONFIG}?foo=1`);
      expect([config.status, config.body.message]).toEqual([400, 'unknown query parameter "foo"; this endpoint takes no query parameter']);
      const dayStart = await t.asOperator().get('/day-start?foo=1');
      expect([dayStart.status, dayStart.body.message]).toEqual([400, 'unknown query parameter "foo"; this endpoint takes no query parameter']);
      const events = await t.asOperator().get(`/mpans/${mpanCore('19', 1)}/events?foo=1`);
      expect([events.status, events.body.message]).toEqual([400, 'unknown query parameter "foo"; this endpoint accepts fromRevision, limit']);
      const repeated = await t.asOperator().get(`/mpans/${mpanCore('19', 1)}/events?limit=1&limit=2`);
      expect([repeated.status, repeated.body.message]).toEqual([400, 'query parameter limit must be given once, as a plain value']);
      // Without extra parameters they still answer.
      expect((await t.http.get(CONFIG)).status).toBe(200);
      expect((await t.asOperator().get('/day-start')).status).toBe(200);
    });

    it('checks maxWaitMs even without minPosition', async () => {
      const res = await t.http.get(`${PUBLICATIONS}?maxWaitMs=soon`);
      expect([res.status, res.body.message]).toEqual([400, expect.stringMatching(/^maxWaitMs must be a whole number of milliseconds from 0 to \d+, got "soon"$/)]);
      expect((await t.http.get(`${PUBLICATIONS}?maxWaitMs=10`)).status).toBe(200);
    });
  });

  describe('messages echo at most a short excerpt of what was sent', () => {
    const long = 'x'.repeat(5000);
    const short = (message: unknown) => {
      expect(typeof message).toBe('string');
      expect((message as string).length).toBeLessThan(400);
      expect(message).toContain('…');
    };

    it('query values, query names and DIP ids', async () => {
      for (const path of [`${PUBLICATIONS}?after=${long}`, `${PUBLICATIONS}?limit=${long}`, `${PUBLICATIONS}?minPosition=${long}`, `${PUBLICATIONS}?maxWaitMs=${long}`, `${PUBLICATIONS}?${long}=1`, `/participants/${long}/publications`, `/participants/${long}/publication-config`]) {
        const res = await t.http.get(path);
        expect(res.status).toBe(400);
        short(res.body.message);
      }
    });

    it('body values and field names', async () => {
      const bodies: Array<['post' | 'put', string, unknown]> = [
        ['post', ACK, { sequence: long }],
        ['post', REPLAY, { fromSequence: long }],
        ['post', ACK, { sequence: 1, [long]: 1 }],
        ['put', CONFIG, { eventCodes: [`[${long}]`] }],
        ['put', CONFIG, { webhookUrl: long.slice(0, 1500) }],
      ];
      for (const [method, path, body] of bodies) {
        const res = await json(method, path, JSON.stringify(body));
        expect(res.status).toBe(400);
        short(res.body.message);
      }
    });
  });

  it('stamps S1.environmentTag of the items with REGISTRY_ENVIRONMENT_TAG', async () => {
    const page = (await t.http.get(PUBLICATIONS).query({ after: 0, minPosition: await head() })).body as FeedPage;
    expect(page.items.length).toBeGreaterThan(0);
    for (const item of page.items) {
      expect((item.message as { CommonBlock: { S1: { environmentTag: string } } }).CommonBlock.S1.environmentTag).toBe('UIT');
    }
  });

  it('words a malformed DIP id the same on the feed and the portfolio', async () => {
    const feed = await t.http.get('/participants/12345/publications');
    const portfolio = await t.http.get('/participants/12345/portfolio');
    expect([feed.status, portfolio.status]).toEqual([400, 400]);
    expect(feed.body.message).toBe('a DIP id is 10 digits (DT-006), got "12345"');
    expect(portfolio.body.message).toBe(feed.body.message);
    expect((await t.http.get(`/participants/${BRWE}/publications`)).status).toBe(200);
  });
});
