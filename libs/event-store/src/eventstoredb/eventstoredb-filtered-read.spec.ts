import { createServer } from 'node:net';
import { BACKWARDS, EventStoreDBClient, FORWARDS, isCommandError } from '@eventstore/db-client';
import { StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
// The client's own gRPC transport (its dependency, pinned by the lockfile), for a stand-in server.
import { Server, ServerCredentials, ServerWritableStream } from '@grpc/grpc-js';
import { buildFilteredReadAllRequest, filteredReadAll } from './eventstoredb-filtered-read';

describe('buildFilteredReadAllRequest', () => {
  it('asks for $all from a position (commit = prepare), forwards, with a stream-name regex and a count', () => {
    const req = buildFilteredReadAllRequest({ from: 9007199254740993n, direction: FORWARDS, maxCount: 37, streamNameRegex: '^ns\\u002fmpan\\u002d' });
    const options = req.getOptions()!.toObject();

    expect(options.all).toEqual({ position: { commitPosition: '9007199254740993', preparePosition: '9007199254740993' } });
    expect(options.readDirection).toBe(ReadReq.Options.ReadDirection.FORWARDS);
    expect(options.count).toBe('37');
    expect(options.resolveLinks).toBe(false);
    expect(options.uuidOption).toEqual({ string: {} });
    const filter = req.getOptions()!.getFilter()!;
    expect(filter.getFilterCase()).toBe(ReadReq.Options.FilterOptions.FilterCase.STREAM_IDENTIFIER);
    expect(filter.getStreamIdentifier()!.toObject()).toEqual({ regex: '^ns\\u002fmpan\\u002d', prefixList: [] });
    expect(filter.getWindowCase()).toBe(ReadReq.Options.FilterOptions.WindowCase.COUNT); // no search window
    expect(filter.getCheckpointintervalmultiplier()).toBe(1);
    expect(options.noFilter).toBeUndefined();
    expect(options.stream).toBeUndefined();
    expect(options.subscription).toBeUndefined();
  });

  it('reads from the start or backwards from the end', () => {
    const start = buildFilteredReadAllRequest({ from: 'start', direction: FORWARDS, maxCount: 1, streamNameRegex: '^[^$]' }).getOptions()!.toObject();
    const end = buildFilteredReadAllRequest({ from: 'end', direction: BACKWARDS, maxCount: 1, streamNameRegex: '^[^$]' }).getOptions()!.toObject();

    expect(start.all).toEqual({ start: {} });
    expect(end.all).toEqual({ end: {} });
    expect(end.readDirection).toBe(ReadReq.Options.ReadDirection.BACKWARDS);
  });

  it('refuses a count below 1 and a negative position', () => {
    expect(() => buildFilteredReadAllRequest({ from: 'start', direction: FORWARDS, maxCount: 0, streamNameRegex: 'x' })).toThrow(RangeError);
    expect(() => buildFilteredReadAllRequest({ from: -1n, direction: FORWARDS, maxCount: 1, streamNameRegex: 'x' })).toThrow(RangeError);
  });
});

describe('filteredReadAll', () => {
  it("goes through the client's own gRPC read path: a closed port fails with the client's error, not a TypeError", async () => {
    // A port that was free a moment ago: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = server.address() as { port: number };
        server.close(() => resolve(free));
      });
    });
    const client = EventStoreDBClient.connectionString(`esdb://127.0.0.1:${port}?tls=false`);
    try {
      const error = await filteredReadAll(client, { from: 'start', direction: FORWARDS, maxCount: 1, streamNameRegex: '^[^$]' }, { deadline: 5000 }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Error);
      expect(isCommandError(error as Error)).toBe(true);
    } finally {
      await client.dispose();
    }
  });
});

describe('filteredReadAll against a stand-in gRPC Streams service', () => {
  let server: Server;
  let port: number;
  const received: ReadReq[] = [];

  /** A read answer carrying one JSON event of `stream` at log position `position`. */
  function eventResponse(stream: string, revision: number, position: bigint, type: string): ReadResp {
    const recorded = new ReadResp.ReadEvent.RecordedEvent();
    const id = new UUID();
    id.setString('0b1f8c2e-5a4d-4e8b-9f4a-2c6d7e8f9a0b');
    recorded.setId(id);
    const identifier = new StreamIdentifier();
    identifier.setStreamName(Buffer.from(stream, 'utf8'));
    recorded.setStreamIdentifier(identifier);
    recorded.setStreamRevision(String(revision));
    recorded.setCommitPosition(String(position));
    recorded.setPreparePosition(String(position));
    recorded.getMetadataMap().set('type', type);
    recorded.getMetadataMap().set('content-type', 'application/json');
    recorded.getMetadataMap().set('created', '638000000000000000');
    recorded.setData(Buffer.from(JSON.stringify({ n: revision }), 'utf8'));
    recorded.setCustomMetadata(Buffer.from(JSON.stringify({ schemaVersion: 1, recordedAt: '2025-04-01T00:00:00.000Z' }), 'utf8'));
    const event = new ReadResp.ReadEvent();
    event.setEvent(recorded);
    event.setCommitPosition(String(position));
    const response = new ReadResp();
    response.setEvent(event);
    return response;
  }

  beforeAll(async () => {
    server = new Server();
    server.addService(StreamsService, {
      read(call: ServerWritableStream<ReadReq, ReadResp>) {
        received.push(call.request);
        call.write(eventResponse('ns/mpan-1', 0, 9007199254740993n, 'A1'));
        call.write(eventResponse('ns/mpan-2', 0, 9007199254741500n, 'B1'));
        call.end();
      },
    });
    port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
    );
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
  });

  it('sends the filtered request on the wire and returns the events the client decodes, positions exact past 2^53', async () => {
    const client = EventStoreDBClient.connectionString(`esdb://127.0.0.1:${port}?tls=false`);
    try {
      const events = await filteredReadAll(client, { from: 4096n, direction: FORWARDS, maxCount: 2, streamNameRegex: '^ns\\u002f' });

      expect(received).toHaveLength(1);
      const sent = received[0].getOptions()!;
      expect(sent.getFilter()!.getStreamIdentifier()!.getRegex()).toBe('^ns\\u002f');
      expect(sent.getAll()!.getPosition()!.toObject()).toEqual({ commitPosition: '4096', preparePosition: '4096' });
      expect(sent.getCount()).toBe('2');
      expect(events.map((e) => [e.event?.streamId, e.event?.type, e.event?.data, e.event?.position])).toEqual([
        ['ns/mpan-1', 'A1', { n: 0 }, { commit: 9007199254740993n, prepare: 9007199254740993n }],
        ['ns/mpan-2', 'B1', { n: 0 }, { commit: 9007199254741500n, prepare: 9007199254741500n }],
      ]);
      expect(events[0].event?.metadata).toEqual({ schemaVersion: 1, recordedAt: '2025-04-01T00:00:00.000Z' });
    } finally {
      await client.dispose();
    }
  });
});
