/**
 * A stand-in for an EventStoreDB server, for tests of the adapter on a machine without one: a gRPC
 * server on 127.0.0.1 with the Streams service (`append`, `read`) of the real protocol, over an
 * in-memory transaction log. It models what ADR 0009 reads from the server sources, and nothing it
 * has not read there:
 * - every appended event is a record at its own log position (commit = prepare), positions grow by
 *   the record's size (not dense), and the log starts with system and foreign records;
 * - appends check the expected revision per stream (`no_stream`, exact, `any`), answer a repeat of
 *   already-written event ids with success (ESDB's idempotent write), and answer a conflict with
 *   the current revision;
 * - stream reads carry `$all` positions (22.6 and later); a missing stream answers `StreamNotFound`;
 * - `$all` reads go forwards from a position inclusively and backwards exclusively, refuse a position
 *   where no record starts ("invalid position"), and apply stream-name regex or prefix filters;
 * - subscriptions to `$all` confirm, catch up after their position (exclusive), then go live; they
 *   can be dropped on purpose ({@link EsdbStandIn.dropSubscriptions}).
 * It is NOT the server: it says nothing about server versions, clusters, TLS, ACLs, `batchAppend`
 * (it offers no ServerFeatures, so the client falls back to `append`) or timing. Test-only: under
 * `testing/`, excluded from the build. `@grpc/grpc-js` is the client's own transport (its dependency).
 */
import { randomUUID } from 'node:crypto';
import { parseUUID } from '@eventstore/db-client/dist/utils/grpcUUID';
import { Empty, StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { AppendReq, AppendResp, ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { Server, ServerCredentials, ServerReadableStream, ServerWritableStream, sendUnaryData, status } from '@grpc/grpc-js';

/** One record of the stand-in's log. */
interface LogRecord {
  position: bigint;
  streamId: string;
  revision: bigint;
  id: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  metadata: Uint8Array;
  createdTicks: string;
}

/** A live subscription: its filter and how to send it a record. */
interface LiveSubscription {
  matches: (record: LogRecord) => boolean;
  send: (record: LogRecord) => void;
  drop: () => void;
}

/** A running stand-in server; {@link connectionString} points a client at it. */
export class EsdbStandIn {
  private readonly log: LogRecord[] = [];
  private readonly byPosition = new Set<bigint>();
  private readonly streams = new Map<string, LogRecord[]>();
  private readonly live = new Set<LiveSubscription>();
  private nextPosition = 0n;
  /** Number of subscriptions opened so far (re-subscriptions included). */
  subscriptionsOpened = 0;
  /** Number of `$all` reads refused for a position where no record starts. */
  invalidPositionReads = 0;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  /** Starts a stand-in on a free loopback port, its log seeded with system and foreign records. */
  static async start(): Promise<EsdbStandIn> {
    const server = new Server();
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
    );
    const standIn = new EsdbStandIn(server, port);
    server.addService(StreamsService, {
      append: (call: ServerReadableStream<AppendReq, AppendResp>, callback: sendUnaryData<AppendResp>) => standIn.append(call, callback),
      read: (call: ServerWritableStream<ReadReq, ReadResp>) => standIn.read(call),
    });
    standIn.write('$epoch-information', [{ id: randomUUID(), type: '$epoch', contentType: 'application/json', data: '{}', metadata: '' }]);
    standIn.write('other-app-1', [{ id: randomUUID(), type: 'Foreign', contentType: 'application/json', data: '{"x":1}', metadata: '' }]);
    standIn.write('$stats-127.0.0.1:2113', [{ id: randomUUID(), type: '$statsCollected', contentType: 'application/json', data: '{}', metadata: '' }]);
    return standIn;
  }

  /** `esdb://127.0.0.1:<port>?tls=false`. */
  get connectionString(): string {
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  /** Ends every open subscription with UNAVAILABLE, as a lost connection would. */
  dropSubscriptions(): void {
    for (const subscription of [...this.live]) subscription.drop();
  }

  /** Stops the server at once. */
  async stop(): Promise<void> {
    this.dropSubscriptions();
    this.server.forceShutdown();
  }

  /** Appends records to a stream without checks (seeding, and the body of a checked append). */
  private write(streamId: string, events: Array<{ id: string; type: string; contentType: string; data: string | Uint8Array; metadata: string | Uint8Array }>): LogRecord[] {
    const stream = this.streams.get(streamId) ?? [];
    const written = events.map((event) => {
      const data = typeof event.data === 'string' ? Buffer.from(event.data, 'utf8') : event.data;
      const metadata = typeof event.metadata === 'string' ? Buffer.from(event.metadata, 'utf8') : event.metadata;
      const record: LogRecord = {
        position: this.nextPosition,
        streamId,
        revision: BigInt(stream.length),
        id: event.id,
        type: event.type,
        contentType: event.contentType,
        data,
        metadata,
        createdTicks: String(BigInt(Date.now()) * 10_000n + 621_355_968_000_000_000n),
      };
      stream.push(record);
      this.log.push(record);
      this.byPosition.add(record.position);
      // A record's size: a header plus its payload, so positions are byte offsets, not counters.
      this.nextPosition += 120n + BigInt(streamId.length + event.type.length + data.length + metadata.length);
      return record;
    });
    this.streams.set(streamId, stream);
    for (const record of written) for (const subscription of this.live) if (subscription.matches(record)) subscription.send(record);
    return written;
  }

  private append(call: ServerReadableStream<AppendReq, AppendResp>, callback: sendUnaryData<AppendResp>): void {
    let options: AppendReq.Options | undefined;
    const proposed: AppendReq.ProposedMessage[] = [];
    call.on('data', (request: AppendReq) => {
      if (request.hasOptions()) options = request.getOptions();
      else if (request.hasProposedMessage()) proposed.push(request.getProposedMessage()!);
    });
    call.on('end', () => {
      if (options === undefined) return callback({ code: status.INVALID_ARGUMENT, details: 'no options' });
      const streamId = Buffer.from(options.getStreamIdentifier()!.getStreamName_asU8()).toString('utf8');
      const stream = this.streams.get(streamId) ?? [];
      const current = stream.length === 0 ? undefined : BigInt(stream.length - 1);
      const ids = proposed.map((message) => parseUUID(message.getId()!));
      const response = new AppendResp();
      const expected = options.hasNoStream() ? -1n : options.hasRevision() ? BigInt(options.getRevision()) : undefined;
      // ESDB's idempotent write: the same ids right after the expected revision are a success.
      if (expected !== undefined) {
        const after = stream.slice(Number(expected + 1n), Number(expected + 1n) + ids.length);
        if (after.length === ids.length && ids.length > 0 && after.every((record, i) => record.id === ids[i])) {
          return callback(null, this.success(BigInt(stream.length - 1), after[after.length - 1].position));
        }
      }
      const conflict = options.hasNoStream() ? current !== undefined : options.hasRevision() ? current !== expected : false;
      if (conflict) {
        const wrong = new AppendResp.WrongExpectedVersion();
        if (current === undefined) wrong.setCurrentNoStream(new Empty());
        else wrong.setCurrentRevision(String(current));
        if (options.hasNoStream()) wrong.setExpectedNoStream(new Empty());
        else wrong.setExpectedRevision(options.getRevision());
        response.setWrongExpectedVersion(wrong);
        return callback(null, response);
      }
      const written = this.write(
        streamId,
        proposed.map((message) => ({
          id: parseUUID(message.getId()!),
          type: message.getMetadataMap().get('type') ?? '',
          contentType: message.getMetadataMap().get('content-type') ?? 'application/octet-stream',
          data: message.getData_asU8(),
          metadata: message.getCustomMetadata_asU8(),
        })),
      );
      const last = written[written.length - 1];
      callback(null, this.success(last.revision, last.position));
    });
  }

  private success(revision: bigint, position: bigint): AppendResp {
    const success = new AppendResp.Success();
    success.setCurrentRevision(String(revision));
    const grpcPosition = new AppendResp.Position();
    grpcPosition.setCommitPosition(String(position));
    grpcPosition.setPreparePosition(String(position));
    success.setPosition(grpcPosition);
    const response = new AppendResp();
    response.setSuccess(success);
    return response;
  }

  private read(call: ServerWritableStream<ReadReq, ReadResp>): void {
    const options = call.request.getOptions()!;
    const count = Number(options.getCount() || '0');
    const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
    if (options.hasStream()) return this.readStream(call, options, count, backwards);
    const all = options.getAll()!;
    const matches = this.filterOf(options);
    if (options.hasSubscription()) return this.subscribe(call, all, matches);
    let records: LogRecord[];
    if (all.hasStart()) records = backwards ? [] : this.log;
    else if (all.hasEnd()) records = backwards ? [...this.log].reverse() : [];
    else {
      const position = BigInt(all.getPosition()!.getCommitPosition());
      if (!this.byPosition.has(position) && position !== this.nextPosition) {
        this.invalidPositionReads += 1;
        call.emit('error', { code: status.UNKNOWN, details: `Invalid position ${position}: no record starts there.` });
        return;
      }
      records = backwards ? this.log.filter((r) => r.position < position).reverse() : this.log.filter((r) => r.position >= position);
    }
    for (const record of records.filter(matches).slice(0, count)) call.write(eventResponse(record));
    call.end();
  }

  private readStream(call: ServerWritableStream<ReadReq, ReadResp>, options: ReadReq.Options, count: number, backwards: boolean): void {
    const streamOptions = options.getStream()!;
    const streamId = Buffer.from(streamOptions.getStreamIdentifier()!.getStreamName_asU8()).toString('utf8');
    const stream = this.streams.get(streamId);
    if (stream === undefined) {
      const notFound = new ReadResp.StreamNotFound();
      notFound.setStreamIdentifier(identifier(streamId));
      const response = new ReadResp();
      response.setStreamNotFound(notFound);
      call.write(response);
      call.end();
      return;
    }
    let records: LogRecord[];
    if (streamOptions.hasEnd()) records = backwards ? [...stream].reverse() : [];
    else if (streamOptions.hasStart()) records = backwards ? [] : stream;
    else {
      const from = BigInt(streamOptions.getRevision());
      records = backwards ? stream.filter((r) => r.revision <= from).reverse() : stream.filter((r) => r.revision >= from);
    }
    for (const record of records.slice(0, count)) call.write(eventResponse(record));
    call.end();
  }

  private subscribe(call: ServerWritableStream<ReadReq, ReadResp>, all: ReadReq.Options.AllOptions, matches: (record: LogRecord) => boolean): void {
    this.subscriptionsOpened += 1;
    const confirmation = new ReadResp.SubscriptionConfirmation();
    confirmation.setSubscriptionId(randomUUID());
    const confirm = new ReadResp();
    confirm.setConfirmation(confirmation);
    call.write(confirm);
    const after = all.hasStart() ? -1n : all.hasEnd() ? this.nextPosition : BigInt(all.getPosition()!.getCommitPosition());
    for (const record of this.log) if (record.position > after && matches(record)) call.write(eventResponse(record));
    const subscription: LiveSubscription = {
      matches,
      send: (record) => call.write(eventResponse(record)),
      drop: () => {
        this.live.delete(subscription);
        call.emit('error', { code: status.UNAVAILABLE, details: 'connection dropped by the stand-in' });
      },
    };
    this.live.add(subscription);
    call.on('cancelled', () => this.live.delete(subscription));
  }

  /** The filter of a read: stream-name regex or prefixes, or none. */
  private filterOf(options: ReadReq.Options): (record: LogRecord) => boolean {
    if (!options.hasFilter()) return () => true;
    const filter = options.getFilter()!;
    const expression = filter.getStreamIdentifier() ?? filter.getEventType();
    const field = filter.hasStreamIdentifier() ? (r: LogRecord) => r.streamId : (r: LogRecord) => r.type;
    if (expression === undefined) return () => true;
    const regex = expression.getRegex();
    if (regex !== '') {
      const compiled = new RegExp(regex);
      return (record) => compiled.test(field(record));
    }
    const prefixes = expression.getPrefixList();
    return (record) => prefixes.some((prefix) => field(record).startsWith(prefix));
  }
}

function identifier(streamId: string): StreamIdentifier {
  const id = new StreamIdentifier();
  id.setStreamName(Buffer.from(streamId, 'utf8'));
  return id;
}

function eventResponse(record: LogRecord): ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent();
  const id = new UUID();
  id.setString(record.id);
  recorded.setId(id);
  recorded.setStreamIdentifier(identifier(record.streamId));
  recorded.setStreamRevision(String(record.revision));
  recorded.setCommitPosition(String(record.position));
  recorded.setPreparePosition(String(record.position));
  recorded.getMetadataMap().set('type', record.type);
  recorded.getMetadataMap().set('content-type', record.contentType);
  recorded.getMetadataMap().set('created', record.createdTicks);
  recorded.setData(record.data);
  recorded.setCustomMetadata(record.metadata);
  const event = new ReadResp.ReadEvent();
  event.setEvent(recorded);
  event.setCommitPosition(String(record.position));
  const response = new ReadResp();
  response.setEvent(event);
  return response;
}
