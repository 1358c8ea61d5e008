import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { generateTraffic } from '@app/dip-wire';
import { EVENT_STORE, EventStore } from '@app/event-store';
import type { PublicationIssued } from '@app/registration-domain';
import { FixedClock, loadRegistryConfig, RegistrationAppModule, TrafficLoader } from '@app/registration-app';
import { FEED_ROUTING_TABLE, routingRuleOf } from './routing-table';

/**
 * The routing table (./routing-table.ts) against what the real deciders publish: generated traffic
 * for 150 MPANs (creation, registration, appointments and answers, meters, energisation, changes of
 * supplier and provider, LDSO data, segment changes with SEG re-appointments, disconnections,
 * supplier data, mistakes) replayed through the real intake and command handlers — on an in-memory
 * event store — then every `PublicationIssued` checked: its interface has a row, its event code is
 * one the row lists, and every recipient holds a role the row names.
 */
describe('FEED_ROUTING_TABLE', () => {
  let app: INestApplicationContext;
  let publications: PublicationIssued['data'][];

  beforeAll(async () => {
    const root = resolve(__dirname, '../../../..');
    const config = loadRegistryConfig(
      { REGISTRY_SQLITE_PATH: ':memory:', REGISTRY_VIEWS_SQLITE_PATH: 'unused-views.sqlite', REGISTRY_DAY_START: 'off' },
      root,
    );
    app = await NestFactory.createApplicationContext(
      RegistrationAppModule.forRoot(config, { clock: new FixedClock('2000-01-01T00:00:00Z') }),
      { logger: false },
    );
    const loader = app.get(TrafficLoader);
    const replay = { replayClock: true, notAfter: '2026-06-30T00:00:00Z' };
    for (const line of generateTraffic({ mpans: 150, seed: 7, startDate: '2025-04-01', mistakeRate: 0.3 })) {
      await loader.load({ channel: line.channel, message: line.message }, replay);
    }
    await loader.finish(replay);
    const store = app.get<EventStore>(EVENT_STORE);
    publications = [];
    for (let after = 0n; ; ) {
      const page = await store.readAll({ after, maxCount: 1000 });
      if (page.length === 0) break;
      for (const e of page) if (e.type === 'PublicationIssued') publications.push(e.data as unknown as PublicationIssued['data']);
      after = page[page.length - 1]!.position;
    }
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it('has one row per interface, each with event codes, roles, a resolution date and a source', () => {
    const ids = FEED_ROUTING_TABLE.map((r) => r.interfaceId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ['IF-001', 'IF-002', 'IF-006', 'IF-008', 'IF-009', 'IF-018', 'IF-032', 'IF-033', 'IF-035', 'IF-036', 'IF-037', 'IF-043', 'IF-044', 'IF-045', 'IF-050']) {
      expect(ids).toContain(id);
    }
    for (const row of FEED_ROUTING_TABLE) {
      expect(row.eventCodes.length).toBeGreaterThan(0);
      expect(row.eventCodes.every((c) => /^\[[A-Za-z0-9-]+\]$/.test(c))).toBe(true);
      expect(row.recipientRoles.length).toBeGreaterThan(0);
      expect(row.resolvedOn).not.toBe('');
      expect(row.source).not.toBe('');
    }
  });

  it('docs/feed.md "Routing table" shows exactly this table, row by row and column by column', () => {
    const doc = readFileSync(join(__dirname, '../../../../docs/feed.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## Routing table'), doc.indexOf('\n## ', doc.indexOf('## Routing table') + 1));
    const cells = (line: string) =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim().replace(/\\\|/g, '|').replace(/`/g, ''));
    const documented = section
      .split('\n')
      .filter((line) => /^\| IF-\d{3} /.test(line))
      .map(cells);
    expect(documented).toEqual(
      FEED_ROUTING_TABLE.map((r) => [
        `${r.interfaceId} (PUB-${r.interfaceId.slice(3)})`,
        r.name,
        r.eventCodes.join(', '),
        r.causedBy.join(', '),
        `${r.recipientRoles.join(', ')} — ${r.recipients}`,
        r.resolvedOn,
        r.source,
      ]),
    );
  });

  it('the scenario is realistic: it publishes on most interfaces of the table', () => {
    const seen = new Set(publications.map((p) => p.interfaceId));
    expect(publications.length).toBeGreaterThan(500);
    for (const id of ['IF-001', 'IF-002', 'IF-006', 'IF-008', 'IF-018', 'IF-032', 'IF-033', 'IF-035', 'IF-036', 'IF-037', 'IF-043', 'IF-044', 'IF-050', 'IF-009', 'IF-026']) {
      expect(seen).toContain(id);
    }
  });

  it('every publication the deciders issue names only roles its row lists, with an event code the row lists', () => {
    const problems: string[] = [];
    for (const p of publications) {
      const row = routingRuleOf(p.interfaceId);
      if (!row) {
        problems.push(`${p.interfaceId} ${p.eventCode}: no row in the routing table`);
        continue;
      }
      if (!row.eventCodes.includes(p.eventCode)) problems.push(`${p.interfaceId}: event code ${p.eventCode} not in its row`);
      for (const r of p.recipients) {
        if (!row.recipientRoles.includes(r.role)) problems.push(`${p.interfaceId} ${p.eventCode} (${p.causedByEventType}): recipient role ${r.role} not in its row`);
      }
      if (!row.causedBy.some((c) => c.startsWith(p.causedByEventType))) {
        problems.push(`${p.interfaceId} ${p.eventCode}: caused by ${p.causedByEventType}, not listed in its row`);
      }
    }
    expect([...new Set(problems)]).toEqual([]);
  });
});
