/**
 * Server-side filtered reads of `$all` for `@eventstore/db-client` 6.2.1.
 *
 * Why this file exists: the server has filtered `$all` reads since 21.10 (the gRPC `ReadReq`'s
 * `filter` option, the same one subscriptions use), but the 6.2.1 client's `readAll` always sends
 * `no_filter`. This module builds the `ReadReq` with a stream-name filter itself and sends it the
 * way `client.readAll` does (the client's `GRPCStreamCreator`, `callArguments` and `ReadStream`),
 * so that a read with a stream prefix reads only matching events on the server instead of the
 * whole log. It relies on protected members and the generated protobuf classes of exactly that
 * client version, which is why the dependency is pinned exactly (package.json, ADR 0009).
 */
import { BACKWARDS, EventStoreDBClient, FORWARDS } from '@eventstore/db-client';
import type { BaseOptions, ResolvedEvent } from '@eventstore/db-client';
import { Empty } from '@eventstore/db-client/generated/shared_pb';
import { StreamsClient } from '@eventstore/db-client/generated/streams_grpc_pb';
import { ReadReq } from '@eventstore/db-client/generated/streams_pb';
import { ReadStream } from '@eventstore/db-client/dist/streams/utils/ReadStream';
import { convertGrpcEvent } from '@eventstore/db-client/dist/utils/convertGrpcEvent';

/** One filtered read of `$all`. */
export interface FilteredReadAllRequest {
  /** Start: the start or the end of the log, or a log position (inclusive; must be a record's start). */
  from: 'start' | 'end' | bigint;
  direction: typeof FORWARDS | typeof BACKWARDS;
  /** Most matching events to return (>= 1). */
  maxCount: number;
  /** .NET regular expression the stream name must match (see `StreamNamespace.filterRegex`). */
  streamNameRegex: string;
}

/**
 * The gRPC request of a filtered `$all` read: the options `client.readAll` sets (string UUIDs, no
 * link resolution, count, direction) with a stream-identifier regex filter in place of `no_filter`.
 * @throws RangeError for a `maxCount` below 1 or a negative position.
 */
export function buildFilteredReadAllRequest(request: FilteredReadAllRequest): ReadReq {
  if (!Number.isSafeInteger(request.maxCount) || request.maxCount < 1) {
    throw new RangeError(`maxCount must be an integer >= 1, got ${request.maxCount}`);
  }
  const all = new ReadReq.Options.AllOptions();
  if (request.from === 'start') all.setStart(new Empty());
  else if (request.from === 'end') all.setEnd(new Empty());
  else {
    if (request.from < 0n) throw new RangeError(`a read position must not be negative, got ${request.from}`);
    const position = new ReadReq.Options.Position();
    position.setCommitPosition(request.from.toString(10));
    position.setPreparePosition(request.from.toString(10));
    all.setPosition(position);
  }
  const uuidOption = new ReadReq.Options.UUIDOption();
  uuidOption.setString(new Empty());
  const expression = new ReadReq.Options.FilterOptions.Expression();
  expression.setRegex(request.streamNameRegex);
  const filter = new ReadReq.Options.FilterOptions();
  filter.setStreamIdentifier(expression);
  filter.setCount(new Empty()); // no search window: the server pages until maxCount events match
  filter.setCheckpointintervalmultiplier(1); // unused by reads; set as the client does for subscriptions

  const options = new ReadReq.Options();
  options.setAll(all);
  options.setResolveLinks(false);
  options.setCount(String(request.maxCount));
  options.setUuidOption(uuidOption);
  options.setFilter(filter);
  options.setReadDirection(request.direction === BACKWARDS ? ReadReq.Options.ReadDirection.BACKWARDS : ReadReq.Options.ReadDirection.FORWARDS);
  const req = new ReadReq();
  req.setOptions(options);
  return req;
}

type ReadCall = Parameters<StreamsClient['read']>;
type ReadCallStream = ReturnType<StreamsClient['read']>;

/** The protected members of the 6.2.1 client used here (see the file comment). */
interface ClientInternals {
  GRPCStreamCreator(
    client: typeof StreamsClient,
    debugName: string,
    creator: (grpc: StreamsClient) => ReadCallStream,
  ): () => Promise<ReadCallStream>;
  callArguments(options: BaseOptions, callOptions?: ReadCall[2]): [NonNullable<ReadCall[1]>, NonNullable<ReadCall[2]>];
}

/**
 * Runs a filtered `$all` read on `client`'s connection and returns its events, in read order.
 * @throws the client's `CommandError`s (e.g. an "invalid position" for a start that is not a
 *   record's start, `UnavailableError` when the server cannot be reached).
 */
export async function filteredReadAll(
  client: EventStoreDBClient,
  request: FilteredReadAllRequest,
  options: BaseOptions = {},
): Promise<ResolvedEvent[]> {
  const req = buildFilteredReadAllRequest(request);
  const internals = client as unknown as ClientInternals;
  const createStream = internals.GRPCStreamCreator(StreamsClient, 'readAll', (grpc) =>
    grpc.read(req, ...internals.callArguments(options, { deadline: Infinity })),
  );
  const events: ResolvedEvent[] = [];
  for await (const event of new ReadStream<ResolvedEvent>(createStream, convertGrpcEvent, {})) events.push(event);
  return events;
}
