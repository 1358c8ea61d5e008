import pino from 'pino';
import { currentMessageLogFields, messageLogFieldsOf, withMessageLogContext } from './message-log-context';
import { registryPinoHttpOptions } from './registry-logging.module';

describe('registry logging', () => {
  const capture = (level: 'info' | 'warn' = 'info') => {
    const lines: Record<string, unknown>[] = [];
    const { genReqId: _g, serializers: _s, customAttributeKeys: _c, customProps: _p, customLogLevel: _l, customSuccessMessage: _m, customErrorMessage: _e, ...options } =
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
});
