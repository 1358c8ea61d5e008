import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { pinoHttp } from 'pino-http';
import { currentMessageLogFields, messageLogFieldsOf, withMessageLogContext } from './message-log-context';
import { markExpectedUnavailable, recordRequestError, registryPinoHttpOptions } from './registry-logging.module';

describe('registry logging', () => {
  const capture = (level: 'info' | 'warn' = 'info') => {
    const lines: Record<string, unknown>[] = [];
    const { genReqId: _g, serializers: _s, customAttributeKeys: _c, customProps: _p, customLogLevel: _l, customSuccessMessage: _m, customErrorMessage: _e, customErrorObject: _o, ...options } =
      registryPinoHttpOptions({ level, name: 'test' });
    const logger = pino(options, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    return { logger, lines };
  };

  it('censors DIP signature headers, credentials and passwords, however a line carries them', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        req: { headers: { 'x-dip-signature': 'SIG', 'x-dip-signature-certificate': 'CERT', 'x-dip-content-hash': 'HASH', 'x-dip-signature-date': 'DATE', authorization: 'Bearer T', cookie: 'c=1' } },
        headers: { authorization: 'Basic U', 'x-dip-signature': 'SIG2' },
        store: { password: 'pw' },
      },
      'headers',
    );
    const text = JSON.stringify(lines);
    for (const secret of ['SIG', 'CERT', 'HASH', 'DATE', 'Bearer T', 'c=1', 'Basic U', 'SIG2', '"pw"']) expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({ level: 'info', name: 'test', req: { headers: { 'x-dip-signature': '[redacted]' } }, store: { password: '[redacted]' } });
  });

  it('adds the message context to every line written inside it, and the level filters', async () => {
    const { logger, lines } = capture('warn');
    const fields = messageLogFieldsOf('IF-031', {
      payload: { CommonBlock: { S0: { eventCode: '[MSApp]' }, S1: { senderDIPID: '1000000001', senderUniqueReference: 'REF-1', senderCorrelationID: null }, M0: { MPANCore: '1900012374324' } } },
    });
    expect(fields).toEqual({ channel: 'IF-031', senderDipId: '1000000001', senderUniqueReference: 'REF-1', eventCode: '[MSApp]', mpanCore: '1900012374324' });
    await withMessageLogContext(fields, async () => {
      await Promise.resolve();
      logger.warn('inside');
      logger.info('filtered out');
    });
    logger.warn('outside');
    expect(currentMessageLogFields()).toEqual({});
    expect(lines.map((l) => [l.msg, l.mpanCore ?? null])).toEqual([
      ['inside', '1900012374324'],
      ['outside', null],
    ]);
  });

  it('request lines: the authenticated participant once known, probes at debug, 5xx at error, a tame X-Request-Id kept', () => {
    const options = registryPinoHttpOptions({ level: 'info', name: 'test' });
    const customProps = options.customProps as (req: object, res: object) => object;
    expect(customProps({}, {})).toEqual({});
    expect(customProps({ dipParticipant: { dipId: '1000000001' } }, {})).toEqual({ participant: '1000000001' });
    const level = options.customLogLevel as (req: object, res: object, error?: Error) => string;
    expect(level({ url: '/mpans/1900012374324' }, { statusCode: 404 })).toBe('info');
    expect(level({ url: '/health/ready' }, { statusCode: 200 })).toBe('debug');
    expect(level({ url: '/metrics' }, { statusCode: 200 })).toBe('debug');
    expect(level({ url: '/dip-channel/IF-031' }, { statusCode: 503 })).toBe('error');
    const headers: Record<string, string> = {};
    const res = { setHeader: (name: string, value: string) => (headers[name] = value) };
    const genReqId = options.genReqId as (req: object, res: object) => string;
    expect(genReqId({ headers: { 'x-request-id': 'abc-123' } }, res)).toBe('abc-123');
    expect(genReqId({ headers: { 'x-request-id': 'bad id with spaces' } }, res)).toMatch(/^[0-9a-f-]{36}$/);
    expect(headers['X-Request-Id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('takes only strings from a malformed message, cut to 100 characters', () => {
    expect(messageLogFieldsOf('REGS-LDSO', { payload: { CommonBlock: { S1: { senderDIPID: 42, senderUniqueReference: 'x'.repeat(300) } } } })).toEqual({
      channel: 'REGS-LDSO',
      senderUniqueReference: 'x'.repeat(100),
    });
    expect(messageLogFieldsOf('REGS-LDSO', null)).toEqual({ channel: 'REGS-LDSO' });
  });

  describe('request lines by outcome (real pino-http, real HTTP server)', () => {
    const lines: Record<string, unknown>[] = [];
    let server: Server;
    let base: string;
    const handlers: Record<string, (res: ServerResponse) => void> = {
      '/client-error': (res) => void res.writeHead(404).end(),
      '/view-behind': (res) => {
        markExpectedUnavailable(res, 'VIEW_BEHIND');
        res.writeHead(503).end();
      },
      '/bug': (res) => {
        recordRequestError(res, new TypeError('the real cause'));
        res.writeHead(500).end();
      },
      '/bare-503': (res) => void res.writeHead(503).end(),
    };

    beforeAll(async () => {
      const log = pinoHttp(registryPinoHttpOptions({ level: 'info', name: 'test' }), { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
      server = createServer((req, res) => {
        log(req, res);
        handlers[req.url ?? '']!(res);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterAll(async () => {
      await new Promise((resolve) => server.close(resolve));
    });

    async function lineOf(path: string): Promise<Record<string, unknown>> {
      const before = lines.length;
      await (await fetch(`${base}${path}`)).arrayBuffer();
      for (let i = 0; i < 100 && lines.length === before; i++) await new Promise((resolve) => setTimeout(resolve, 5));
      await new Promise((resolve) => setTimeout(resolve, 20));
      const written = lines.slice(before);
      expect(written).toHaveLength(1);
      return written[0];
    }

    it('a 4xx: info, no err', async () => {
      const line = await lineOf('/client-error');
      expect(line).toMatchObject({ level: 'info', msg: 'request completed', res: { statusCode: 404 } });
      expect(line).not.toHaveProperty('err');
    });

    it('an expected 503: warn with its reason, no err (no made-up stack)', async () => {
      const line = await lineOf('/view-behind');
      expect(line).toMatchObject({ level: 'warn', msg: 'request answered 503 VIEW_BEHIND', res: { statusCode: 503 } });
      expect(line).not.toHaveProperty('err');
    });

    it('a 500 with its real error: error, err with the real message and stack', async () => {
      const line = await lineOf('/bug');
      expect(line).toMatchObject({ level: 'error', msg: 'request failed', res: { statusCode: 500 }, err: { type: 'TypeError', message: 'the real cause' } });
      expect((line.err as { stack: string }).stack).not.toContain('pino-http');
    });

    it("a 5xx answered without an error: error, but not pino-http's synthetic 'failed with status code'", async () => {
      const line = await lineOf('/bare-503');
      expect(line).toMatchObject({ level: 'error', msg: 'request answered 503', res: { statusCode: 503 } });
      expect(line).not.toHaveProperty('err');
    });
  });
});
