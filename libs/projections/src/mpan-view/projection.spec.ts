import 'reflect-metadata';
import type { RecordedEvent } from '@app/event-store';
import { evolve, initialState, MpanEvent, MpanState } from '@app/registration-domain';
import { DNO_MPAN, ref } from '@app/registration-domain/registration/testing/fixtures';
import { DataSource } from 'typeorm';
import type { MpanEventContext, ProjectedEvent, ProjectionContext } from '../runtime/projection';
import { MPAN_VIEW_ENTITY_CLASSES, MPAN_VIEW_TABLES } from './entities';
import { AddAppointmentRequestDataServiceProposal1764480003000, CreateMpanViewTables1764480001000 } from './migrations';
import { createMpanViewProjection } from './projection';
import { mpanViewRows } from './rows';
import { RICH_EVENTS } from './testing/rich-history';

/**
 * Unit specs of the MPAN view projection, on an in-memory SQLite database created by the view's own
 * migrations (the projection writes through a TypeORM EntityManager, as in the runtime's batch).
 */

let source: DataSource;

beforeEach(async () => {
  source = new DataSource({
    type: 'better-sqlite3',
    database: ':memory:',
    entities: MPAN_VIEW_ENTITY_CLASSES,
    migrations: [CreateMpanViewTables1764480001000, AddAppointmentRequestDataServiceProposal1764480003000],
    synchronize: false,
    logging: false,
  });
  await source.initialize();
  await source.runMigrations({ transaction: 'none' });
});

afterEach(async () => {
  await source.destroy();
});

const projection = createMpanViewProjection();
const context = (): ProjectionContext => ({ manager: source.manager, referenceData: ref, registryDipId: '9000000002', environmentTag: 'PRD' });

/** Every row of every view table, in `orderBy` order, as SQLite returns them. */
async function dump(): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of MPAN_VIEW_TABLES) {
    out[t.name] = await source.query(`SELECT * FROM "${t.name}" ORDER BY ${t.orderBy.map((c) => `"${c}"`).join(', ')}`);
  }
  return out;
}

function recorded(type: string, data: Record<string, unknown>, revision: number, position: number): RecordedEvent {
  return {
    streamName: `mpan-${DNO_MPAN}`,
    revision: BigInt(revision),
    position: BigInt(position),
    recordedAt: `2025-04-10T09:00:${String(revision % 60).padStart(2, '0')}.000Z`,
    type,
    data,
    metadata: { schemaVersion: 1, eventId: `e-${revision}`, correlationId: 'c', causationId: 'c' },
  };
}

/** The projected form of each MPAN event of `events`, with the state folded before and after, as the runtime gives them. */
function projected(events: MpanEvent[]): MpanEventContext[] {
  let state: MpanState = initialState();
  return events.map((event, i) => {
    const before = state;
    state = evolve(state, event);
    return {
      kind: 'mpan',
      recorded: recorded(event.type, event.data as unknown as Record<string, unknown>, i, 100 + i),
      mpanCore: DNO_MPAN,
      event,
      stateBefore: before,
      stateAfter: state,
      causedBy: null,
    };
  });
}

describe('the MPAN view migrations', () => {
  it('creates exactly the schema of the entities (columns, types, keys and indexes: TypeORM finds nothing to change)', async () => {
    const pending = await source.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('down of the data service proposal column drops only that column', async () => {
    await source.undoLastMigration({ transaction: 'none' });
    const columns = (await source.query(`PRAGMA table_info("mpan_view_appointment_requests")`)) as { name: string }[];
    expect(columns.map((c) => c.name)).not.toContain('data_service_proposal');
    expect(columns.map((c) => c.name)).toContain('requested_on');
  });

  it('down drops every table it created', async () => {
    await source.undoLastMigration({ transaction: 'none' });
    await source.undoLastMigration({ transaction: 'none' });
    const tables = (await source.query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'mpan_view%'`)) as unknown[];
    expect(tables).toEqual([]);
  });
});

describe('createMpanViewProjection', () => {
  it('names its tables with a stable, unique order', () => {
    expect(projection.name).toBe('mpan-view');
    expect(projection.tables.map((t) => t.name)).toEqual(MPAN_VIEW_TABLES.map((t) => t.name));
    expect(projection.tables.every((t) => t.orderBy[0] === 'mpan_core')).toBe(true);
  });

  it('after each event the MPAN’s rows are exactly mpanViewRows(stateAfter) — stale rows of earlier states are gone', async () => {
    for (const p of projected(RICH_EVENTS)) {
      await projection.apply(p, context());
      const expected = mpanViewRows(p.stateAfter as Extract<MpanState, { status: 'Created' }>, p.recorded);
      const repo = (key: keyof typeof expected) => source.getRepository(MPAN_VIEW_TABLES.find((t) => t.key === key)!.entity);
      for (const table of MPAN_VIEW_TABLES) {
        const rows = await repo(table.key).find({ order: Object.fromEntries(table.orderBy.map((c) => [camel(c), 'ASC'])) });
        const value = expected[table.key];
        expect({ table: table.name, rows }).toEqual({ table: table.name, rows: Array.isArray(value) ? value : [value] });
      }
    }
  });

  it('rewrites only the tables whose rows the event changes, and always the stamped mpan_view row', async () => {
    const deleted: string[] = [];
    const manager = source.manager;
    const query = manager.query.bind(manager);
    const spy = Object.assign(Object.create(manager) as typeof manager, {
      query: (sql: string, parameters?: unknown[]) => {
        const table = /^DELETE FROM "([a-z_]+)"/.exec(sql)?.[1];
        if (table) deleted.push(table);
        return query(sql, parameters);
      },
    });
    let skipped = 0;
    for (const p of projected(RICH_EVENTS)) {
      deleted.length = 0;
      await projection.apply(p, { ...context(), manager: spy });
      if (p.stateBefore.status !== 'Created') {
        expect(deleted).toEqual(MPAN_VIEW_TABLES.map((t) => t.name));
        continue;
      }
      const before = mpanViewRows(p.stateBefore, p.recorded);
      const after = mpanViewRows(p.stateAfter as Extract<MpanState, { status: 'Created' }>, p.recorded);
      const changed = MPAN_VIEW_TABLES.filter((t) => t.key === 'mpan' || JSON.stringify(before[t.key]) !== JSON.stringify(after[t.key]));
      expect(deleted).toEqual(changed.map((t) => t.name));
      skipped += MPAN_VIEW_TABLES.length - changed.length;
    }
    expect(skipped).toBeGreaterThan(0);
  });

  it('applying the same event twice leaves the same rows (every event of the history)', async () => {
    for (const p of projected(RICH_EVENTS)) {
      await projection.apply(p, context());
      const once = await dump();
      await projection.apply(p, context());
      expect(await dump()).toEqual(once);
    }
  });

  it('an earlier state applied after a later one leaves exactly the earlier rows (delete then insert)', async () => {
    const all = projected(RICH_EVENTS);
    await projection.apply(all[all.length - 1]!, context());
    await projection.apply(all[0]!, context());
    const dumped = await dump();
    expect(dumped['mpan_view_meters']).toEqual([]);
    expect(dumped['mpan_view_supplier_periods']).toEqual([]);
    expect(dumped['mpan_view']).toEqual([expect.objectContaining({ last_revision: '0', last_position: '100' })]);
  });

  it('a PublicationIssued record only moves the MPAN’s last revision, position and recorded-at', async () => {
    const [created] = projected(RICH_EVENTS.slice(0, 1));
    await projection.apply(created!, context());
    const before = await dump();
    const publication: ProjectedEvent = {
      ...created!,
      recorded: recorded('PublicationIssued', { mpanCore: DNO_MPAN }, 1, 101),
      event: null,
      stateBefore: created!.stateAfter,
      causedBy: { event: created!.event!, recorded: created!.recorded, stateAfter: created!.stateAfter as Extract<MpanState, { status: 'Created' }> },
    };
    await projection.apply(publication, context());
    const after = await dump();
    expect(after['mpan_view']).toEqual([
      { ...(before['mpan_view']![0] as object), last_revision: '1', last_position: '101', last_recorded_at: '2025-04-10T09:00:01.000Z' },
    ]);
    expect({ ...after, mpan_view: [] }).toEqual({ ...before, mpan_view: [] });
  });

  it('ignores message-outcome and other streams, and an MPAN stream before its creation', async () => {
    const r = recorded('InboundMessageReceived', {}, 0, 5);
    await projection.apply({ kind: 'message', recorded: r, receipt: null }, context());
    await projection.apply({ kind: 'other', recorded: r }, context());
    const [created] = projected(RICH_EVENTS.slice(0, 1));
    await projection.apply({ ...created!, stateAfter: initialState() }, context());
    const dumped = await dump();
    expect(Object.values(dumped).every((rows) => rows.length === 0)).toBe(true);
  });
});

function camel(column: string): string {
  return column.replace(/_([a-z])/g, (_m, ch: string) => ch.toUpperCase());
}
