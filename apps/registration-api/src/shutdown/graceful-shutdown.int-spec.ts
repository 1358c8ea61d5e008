import type { Server } from 'node:http';
import { Controller, Get, INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EVENT_STORE } from '@app/event-store';
import { GracefulShutdown, SHUTTING_DOWN_MESSAGE } from './graceful-shutdown';

/** A route that answers when the test says so. */
const pending: Array<() => void> = [];
@Controller()
class SlowController {
  @Get('slow')
  async slow(): Promise<{ ok: true }> {
    await new Promise<void>((resolve) => pending.push(resolve));
    return { ok: true };
  }
}
@Module({ controllers: [SlowController] })
class SlowModule {}

/** An app whose event store never answers (unreachable database, exhausted pool). */
@Module({ providers: [{ provide: EVENT_STORE, useValue: { headPosition: () => new Promise<never>(() => undefined) } }] })
class HungStoreModule {}

/**
 * The clean shutdown's HTTP part (the whole service: test/shutdown.e2e-spec.ts): requests in flight
 * finish, new connections are refused, a request on a kept-alive connection is answered 503, and
 * the grace period bounds it all.
 */
describe('GracefulShutdown', () => {
  let app: INestApplication;
  let url: string;

  async function start(timeoutMs: number): Promise<GracefulShutdown> {
    app = await NestFactory.create(SlowModule, { logger: false });
    const shutdown = new GracefulShutdown(app, { timeoutMs, flushProjections: false }).installGate();
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${((app.getHttpServer() as Server).address() as { port: number }).port}`;
    return shutdown;
  }

  afterEach(async () => {
    pending.splice(0).forEach((release) => release());
    await app.close().catch(() => undefined);
  });

  const until = async (condition: () => boolean) => {
    while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
  };

  it('finishes the requests in flight, refuses new ones, then closes the app: exit code 0', async () => {
    const shutdown = await start(10_000);
    const first = fetch(`${url}/slow`).then(async (r) => ({ status: r.status, body: await r.json() }));
    const second = fetch(`${url}/slow`).then(async (r) => ({ status: r.status, body: await r.json() }));
    await until(() => shutdown.requestsInFlight === 2);

    const code = shutdown.shutdown('test');
    // A new connection is refused once the listening socket is closed.
    await expect(fetch(`${url}/slow`)).rejects.toThrow();
    expect(shutdown.requestsInFlight).toBe(2);
    pending.splice(0).forEach((release) => release());
    await expect(first).resolves.toEqual({ status: 200, body: { ok: true } });
    await expect(second).resolves.toEqual({ status: 200, body: { ok: true } });
    await expect(code).resolves.toBe(0);
    expect(shutdown.shutdown('again')).toBe(shutdown.shutdown('once more'));
  });

  it('answers 503 with Connection: close to a request that arrives on a connection still open', async () => {
    const shutdown = await start(10_000);
    const inFlight = fetch(`${url}/slow`);
    await until(() => shutdown.requestsInFlight === 1);
    void shutdown.shutdown('test');
    // The gate itself, as a request on a kept-alive connection meets it.
    const res = { headers: {} as Record<string, string>, code: 0, body: undefined as unknown };
    const fake = {
      setHeader: (name: string, value: string) => (res.headers[name] = value),
      status: (code: number) => ((res.code = code), fake),
      json: (body: unknown) => (res.body = body),
    };
    let nextCalled = false;
    (shutdown as unknown as { gate: (req: unknown, res: unknown, next: () => void) => void }).gate({}, fake, () => (nextCalled = true));
    expect(nextCalled).toBe(false);
    expect(res).toEqual({ headers: { Connection: 'close' }, code: 503, body: { statusCode: 503, error: 'Service Unavailable', message: SHUTTING_DOWN_MESSAGE } });
    pending.splice(0).forEach((release) => release());
    expect((await inFlight).status).toBe(200);
  });

  it('gives up after the grace period with exit code 1 when a request does not finish', async () => {
    const shutdown = await start(1000);
    const stuck = fetch(`${url}/slow`).catch(() => null);
    await until(() => shutdown.requestsInFlight === 1);
    await expect(shutdown.shutdown('test')).resolves.toBe(1);
    pending.splice(0).forEach((release) => release());
    await stuck;
  });

  it('stays within its grace period when the event store does not answer while the views are flushed', async () => {
    app = await NestFactory.create(HungStoreModule, { logger: false });
    const shutdown = new GracefulShutdown(app, { timeoutMs: 1000, flushProjections: true }).installGate();
    await app.listen(0, '127.0.0.1');
    // The views are left unflushed (a warning), the app still closes: a clean stop. (Before the head
    // read was bounded, this shutdown never settled.)
    await expect(shutdown.shutdown('test')).resolves.toBe(0);
  });
});
