import { UnavailableError, UnknownError, WrongExpectedVersionError, AccessDeniedError, InvalidArgumentError } from '@eventstore/db-client';
import { WrongExpectedRevisionError } from '../event-store.port';
import {
  decodeRecordedEvent,
  EsdbRecordedEventLike,
  encodeEventMetadata,
  escapeRegexLiteral,
  esdbPositionOf,
  INT64_MAX,
  isRetryableSubscriptionError,
  mayBeInvalidPosition,
  positionFromEsdb,
  StreamNamespace,
  toWrongExpectedRevision,
} from './eventstoredb-mapping';

describe('positions', () => {
  it('takes the log position when commit and prepare agree (every gRPC append), exactly past 2^53', () => {
    expect(positionFromEsdb({ commit: 1234n, prepare: 1234n }, 'e')).toBe(1234n);
    expect(positionFromEsdb({ commit: 2n ** 53n + 1n, prepare: 2n ** 53n + 1n }, 'e')).toBe(9007199254740993n);
    expect(positionFromEsdb({ commit: INT64_MAX, prepare: INT64_MAX }, 'e')).toBe(INT64_MAX);
  });

  it('refuses a missing position or the 2^64-1 "unknown" a server before 22.6 sends on stream reads', () => {
    expect(() => positionFromEsdb(undefined, 'mpan-1@0')).toThrow(/no \$all position for mpan-1@0.*22\.6/);
    const unknown = 2n ** 64n - 1n;
    expect(() => positionFromEsdb({ commit: unknown, prepare: unknown }, 'e')).toThrow(/22\.6/);
  });

  it('refuses an event of an explicit transaction (commit and prepare differ)', () => {
    expect(() => positionFromEsdb({ commit: 500n, prepare: 420n }, 'e')).toThrow(/explicit .*transaction/);
  });

  it('maps our position to the server position commit = prepare, and back', () => {
    expect(esdbPositionOf(0n)).toEqual({ commit: 0n, prepare: 0n });
    expect(positionFromEsdb(esdbPositionOf(9007199254740993n), 'e')).toBe(9007199254740993n);
    expect(() => esdbPositionOf(-1n)).toThrow(RangeError);
    expect(() => esdbPositionOf(INT64_MAX + 1n)).toThrow(RangeError);
  });
});

describe('StreamNamespace', () => {
  it('prefixes stream names on the server and strips the prefix on read', () => {
    const ns = new StreamNamespace('regs-test-1/');
    expect(ns.toServer('mpan-1200000000009')).toBe('regs-test-1/mpan-1200000000009');
    expect(ns.fromServer('regs-test-1/mpan-1200000000009')).toBe('mpan-1200000000009');
    expect(ns.fromServer('regs-test-2/mpan-1200000000009')).toBeUndefined();
    expect(ns.fromServer('$et-Foo')).toBeUndefined();
  });

  it('without a namespace keeps names as they are, refuses $ names (system streams) and never reads one', () => {
    const ns = new StreamNamespace();
    expect(ns.toServer('message-1234567890-ref-1')).toBe('message-1234567890-ref-1');
    expect(ns.fromServer('day-start')).toBe('day-start');
    expect(ns.fromServer('$stats-127.0.0.1:2113')).toBeUndefined();
    expect(() => ns.toServer('$mpan-1')).toThrow(RangeError);
  });

  it('refuses a namespace that is not a string or starts with $', () => {
    expect(() => new StreamNamespace('$x')).toThrow(RangeError);
    expect(() => new StreamNamespace(5 as unknown as string)).toThrow(TypeError);
  });

  it('filters on the server with an exact prefix regex: no wildcards, case-sensitive, no system streams', () => {
    const names = ['mpan-1', 'MPAN-1', 'mpan_1', 'x_1', 'xy1', 'x%', 'x.1', 'x\\1', '$mpan-1', 'ns/mpan-1', 'ns/other', 'ns/x_1', 'Ynys Môn 😀-1', 'day-start'];
    const cases: Array<[string, string | undefined]> = [
      ['', undefined],
      ['', 'mpan-'],
      ['', 'x_'],
      ['', 'x%'],
      ['', 'x.'],
      ['', 'x\\'],
      ['', 'Ynys Môn 😀'],
      ['ns/', undefined],
      ['ns/', 'x_'],
    ];
    for (const [prefix, streamPrefix] of cases) {
      const ns = new StreamNamespace(prefix);
      // JavaScript and .NET read letters, digits and \uXXXX escapes alike.
      const regex = new RegExp(ns.filterRegex(streamPrefix));
      const literal = `${prefix}${streamPrefix ?? ''}`;
      for (const name of names) {
        const expected = literal === '' ? !name.startsWith('$') : name.startsWith(literal);
        expect([prefix, streamPrefix, name, regex.test(name)]).toEqual([prefix, streamPrefix, name, expected]);
      }
    }
    expect(new StreamNamespace().filterRegex(undefined)).toBe('^[^$]');
    expect(new StreamNamespace('ns/').filterRegex('mpan-')).toBe('^ns\\u002fmpan\\u002d');
  });

  it('escapes every character but ASCII letters and digits as \\uXXXX (UTF-16 code units)', () => {
    expect(escapeRegexLiteral('aZ9')).toBe('aZ9');
    expect(escapeRegexLiteral('.*$')).toBe('\\u002e\\u002a\\u0024');
    expect(escapeRegexLiteral('ô😀')).toBe('\\u00f4\\ud83d\\ude00');
  });
});

describe('event metadata', () => {
  const ours = { schemaVersion: 2, eventId: 'e-1', correlationId: 'c', causationId: 'k', senderDipId: 'DIP-1', extra: { n: [1, null] } };

  it('writes our metadata plus recordedAt, and reads it back without recordedAt', () => {
    const onServer = encodeEventMetadata(JSON.stringify(ours), '2025-04-01T10:20:30.123Z', 'event #0');
    expect(onServer).toEqual({ ...ours, recordedAt: '2025-04-01T10:20:30.123Z' });

    const decoded = decodeRecordedEvent(serverEvent({ metadata: onServer }), new StreamNamespace('ns/'));

    expect(decoded).toEqual({
      streamName: 'mpan-1',
      revision: 3n,
      position: 4096n,
      type: 'MeterInstalled',
      data: { mpanCore: '1200000000009' },
      metadata: ours,
      recordedAt: '2025-04-01T10:20:30.123Z',
    });
  });

  it('refuses metadata that has its own recordedAt (reserved)', () => {
    expect(() => encodeEventMetadata(JSON.stringify({ ...ours, recordedAt: 'x' }), '2025-04-01T00:00:00.000Z', 'event #7 of stream s')).toThrow(
      /event #7 of stream s: metadata.recordedAt is reserved/,
    );
  });

  it('falls back to the server created instant for an event written without recordedAt', () => {
    const decoded = decodeRecordedEvent(serverEvent({ metadata: ours }), new StreamNamespace('ns/'));
    expect(decoded?.recordedAt).toBe('2025-01-02T03:04:05.006Z');
  });

  it('skips events of other namespaces, system streams and $ event types (a tombstone)', () => {
    const ns = new StreamNamespace('ns/');
    expect(decodeRecordedEvent(serverEvent({ streamId: 'other/mpan-1' }), ns)).toBeUndefined();
    expect(decodeRecordedEvent(serverEvent({ streamId: '$$ns/mpan-1' }), ns)).toBeUndefined();
    expect(decodeRecordedEvent(serverEvent({ type: '$streamDeleted' }), ns)).toBeUndefined();
  });

  it('refuses one of our events that is not JSON object data with JSON object metadata', () => {
    const ns = new StreamNamespace('ns/');
    expect(() => decodeRecordedEvent(serverEvent({ isJson: false, data: new Uint8Array([1]) }), ns)).toThrow(/not a JSON object event/);
    expect(() => decodeRecordedEvent(serverEvent({ data: 'text' }), ns)).toThrow(/not a JSON object event/);
    expect(() => decodeRecordedEvent(serverEvent({ metadata: undefined }), ns)).toThrow(/no JSON object metadata/);
    expect(() => decodeRecordedEvent(serverEvent({ position: undefined }), ns)).toThrow(/22\.6/);
  });
});

describe('errors', () => {
  it('maps WrongExpectedVersionError to WrongExpectedRevisionError with the actual revision or no_stream', () => {
    const conflict = new WrongExpectedVersionError(undefined, { streamName: 'ns/mpan-1', expected: 0n, current: 2n });
    const missing = new WrongExpectedVersionError(undefined, { streamName: 'ns/mpan-1', expected: 0n, current: 'no_stream' });

    const mapped = toWrongExpectedRevision(conflict, 'mpan-1', 0n);
    expect(mapped).toBeInstanceOf(WrongExpectedRevisionError);
    expect(mapped).toMatchObject({ streamName: 'mpan-1', expected: 0n, actual: 2n });
    expect(toWrongExpectedRevision(missing, 'mpan-1', 0n)).toMatchObject({ actual: 'no_stream' });
    expect(toWrongExpectedRevision(new UnavailableError(), 'mpan-1', 0n)).toBeUndefined();
    expect(toWrongExpectedRevision(new Error('x'), 'mpan-1', 'no_stream')).toBeUndefined();
  });

  it('treats a refused read position as possibly invalid, but not a connection or access problem', () => {
    expect(mayBeInvalidPosition(new UnknownError(undefined, 'Invalid position'))).toBe(true);
    expect(mayBeInvalidPosition(new UnavailableError())).toBe(false);
    expect(mayBeInvalidPosition(new AccessDeniedError())).toBe(false);
    expect(mayBeInvalidPosition(new TypeError('ours'))).toBe(false);
  });

  it('re-subscribes after connection errors, not after refusals or our own decoding errors', () => {
    expect(isRetryableSubscriptionError(new UnavailableError())).toBe(true);
    expect(isRetryableSubscriptionError(new UnknownError())).toBe(true);
    expect(isRetryableSubscriptionError(new AccessDeniedError())).toBe(false);
    expect(isRetryableSubscriptionError(new InvalidArgumentError('bad filter'))).toBe(false);
    expect(isRetryableSubscriptionError(new TypeError('not a JSON object event'))).toBe(false);
  });
});

function serverEvent(overrides: Partial<EsdbRecordedEventLike> = {}): EsdbRecordedEventLike {
  return {
    streamId: 'ns/mpan-1',
    revision: 3n,
    type: 'MeterInstalled',
    data: { mpanCore: '1200000000009' },
    metadata: { schemaVersion: 1, eventId: 'e', correlationId: 'c', causationId: 'c', recordedAt: '2025-04-01T10:20:30.123Z' },
    isJson: true,
    created: new Date('2025-01-02T03:04:05.006Z'),
    position: { commit: 4096n, prepare: 4096n },
    ...overrides,
  };
}
