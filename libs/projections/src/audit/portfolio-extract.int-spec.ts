import { join } from 'node:path';
import { digestViews, nativeSqlite, rebuildViews, registryProjections, ViewDatabase, writePortfolioExtract, EXTRACT_COLUMNS } from '@app/projections';
import { MpanViewQueryService, PortfolioItem } from '@app/projections/mpan-view';
import { AuditRegistry, startAuditRegistry, trafficSplitAt } from './testing/audit-registry';

/**
 * `registry extract` (issue #6 item 6; design brief §2.7): a participant's portfolio on a date as
 * CSV, stamped with the log position P it reflects, on a real registry fed with generated traffic.
 * The reconciliation claim is tested as the issue states it: extract at P, more traffic, extract at
 * P2 — every MPAN whose rows changed for the participant has a feed item for it with a source
 * position in (P, P2], and none at or below P is needed.
 */

const TRAFFIC = { mpans: 150, seed: 41, startDate: '2025-03-01', mistakeRate: 0.05 };
const CUT = '2025-11-20T12:00:00.000Z';
const END = '2026-06-30T12:00:00.000Z';
/** Settlement days the portfolios are extracted on: before the cut, on its day, after it, at the end. */
const DATES = ['2025-09-01', '2025-11-20', '2026-02-01', '2026-06-30'];

interface Extract {
  header: Record<string, string>;
  columns: string[];
  rows: Array<Record<string, string>>;
}

let r: AuditRegistry;
let participants: string[];
const atP = new Map<string, Extract>();
const atP2 = new Map<string, Extract>();
let P: bigint;
let P2: bigint;

async function extract(participant: string, date: string, views: ViewDatabase = r.views): Promise<{ text: string; report: Awaited<ReturnType<typeof writePortfolioExtract>> }> {
  let text = '';
  const report = await writePortfolioExtract({
    views,
    referenceData: r.referenceData,
    participant,
    date,
    generatedAt: '2026-07-01T00:00:00.000Z',
    write: (chunk) => {
      text += chunk;
    },
  });
  return { text, report };
}

beforeAll(async () => {
  r = await startAuditRegistry('regs-extract-int-');
  const { before, after } = trafficSplitAt(TRAFFIC, CUT);
  await r.load(before, CUT);
  P = await r.project();
  const db = nativeSqlite(r.views.reader);
  participants = (
    db
      .prepare(
        `SELECT supplier_dip_id AS dip FROM mpan_view_supplier_periods UNION SELECT provider_dip_id FROM mpan_view_service_periods WHERE provider_dip_id IS NOT NULL ORDER BY 1`,
      )
      .all() as Array<{ dip: string }>
  ).map((x) => x.dip);
  for (const p of participants) for (const d of DATES) atP.set(`${p}@${d}`, parseExtract((await extract(p, d)).text));
  r.clock.set(CUT);
  await r.load(after, END);
  P2 = await r.project();
  for (const p of participants) for (const d of DATES) atP2.set(`${p}@${d}`, parseExtract((await extract(p, d)).text));
}, 600_000);

afterAll(async () => {
  await r?.close();
});

describe('portfolio extract', () => {
  it('starts with the stamp line (position = the views’ checkpoint), then the header, in CSV with CRLF line ends', async () => {
    const { text, report } = await extract(participants[0]!, DATES[2]!);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(`# position=${P2} participant=${participants[0]} date=${DATES[2]} generated=2026-07-01T00:00:00.000Z rows=${report.rows}`);
    expect(lines[1]).toBe(EXTRACT_COLUMNS.join(','));
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(report.rows + 3);
    expect(report.position).toBe(String(P2));
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
  });

  it('has one row per MPAN and role of the portfolio API on the same date, with the same periods', async () => {
    const queries = new MpanViewQueryService(r.views, r.referenceData);
    let compared = 0;
    for (const p of participants) {
      for (const d of DATES) {
        const items: PortfolioItem[] = [];
        for (let after: string | null = null; ; ) {
          const page = await queries.portfolio(p, d, null, { after, limit: 1000 });
          items.push(...page.items);
          if (page.nextCursor === null) break;
          after = page.items.at(-1)!.mpanCore;
        }
        const expected = items.flatMap((i) => i.roles.map((role) => [i.mpanCore, role.role, role.effectiveFromDate, role.effectiveToDate ?? ''].join('|')));
        const rows = atP2.get(`${p}@${d}`)!.rows.map((row) => [row.mpan_core, row.role, row.role_effective_from, row.role_effective_to].join('|'));
        expect({ p, d, rows }).toEqual({ p, d, rows: expected });
        compared += rows.length;
      }
    }
    expect(compared).toBeGreaterThan(300);
  });

  it('reflects exactly the log up to its position: an extract of the live views equals one of a rebuild up to P, byte for byte', async () => {
    const outPath = join(r.dir, 'rebuilt-to-P.sqlite');
    await rebuildViews({
      store: r.store,
      referenceData: r.referenceData,
      registryDipId: r.config.registryDipId,
      environmentTag: r.config.environmentTag,
      projections: registryProjections(),
      outPath,
      to: P,
    });
    const views = await ViewDatabase.openSqlite({ path: outPath });
    try {
      expect((await digestViews(views, registryProjections())).position).toBe(P);
      for (const p of participants) {
        for (const d of DATES) expect(parseExtract((await extract(p, d, views)).text)).toEqual(atP.get(`${p}@${d}`));
      }
    } finally {
      await views.close();
    }
  });

  it('reconciles with the feed: every MPAN whose rows changed between P and P2 has a feed item for the participant in (P, P2], except a role ended by a change of supplier (the switching service tells the loser)', async () => {
    const db = nativeSqlite(r.views.reader);
    const feedMpans = (p: string, from: bigint, to: bigint) =>
      new Set(
        (
          db
            .prepare('SELECT DISTINCT mpan_core FROM feed_items WHERE recipient_dip_id = ? AND CAST(source_position AS INTEGER) > ? AND CAST(source_position AS INTEGER) <= ?')
            .all(p, from, to) as Array<{ mpan_core: string }>
        ).map((x) => x.mpan_core),
      );
    let changed = 0;
    let notifiedChanges = 0;
    const unexplained: string[] = [];
    const byChangeOfSupplier: string[] = [];
    for (const p of participants) {
      const notified = feedMpans(p, P, P2);
      for (const d of DATES) {
        const before = rowsByMpan(atP.get(`${p}@${d}`)!);
        const after = rowsByMpan(atP2.get(`${p}@${d}`)!);
        for (const core of new Set([...before.keys(), ...after.keys()])) {
          if (JSON.stringify(before.get(core)) === JSON.stringify(after.get(core))) continue;
          changed += 1;
          if (notified.has(core)) {
            notifiedChanges += 1;
            continue;
          }
          const why = await endedByChangeOfSupplier(core, d, before.get(core), after.get(core));
          if (why === null) unexplained.push(`${p} ${d} ${core}: ${JSON.stringify(before.get(core))} → ${JSON.stringify(after.get(core))}`);
          else byChangeOfSupplier.push(`${p} ${d} ${core}: ${why}`);
        }
      }
    }
    console.log(
      `reconciliation: ${changed} (participant, date, MPAN) changes between P=${P} and P2=${P2}: ${notifiedChanges} with a feed item in (P, P2], ` +
        `${byChangeOfSupplier.length} roles ended by a change of supplier (no REGS publication to the outgoing parties), ${unexplained.length} unexplained`,
    );
    expect(changed).toBeGreaterThan(300);
    expect(unexplained).toEqual([]);
  });
});

/** The CSV text of an extract, parsed (RFC 4180, as written: quoted fields may hold commas, quotes and line breaks). */
function parseExtract(text: string): Extract {
  const firstEnd = text.indexOf('\r\n');
  const header = Object.fromEntries(
    text
      .slice(2, firstEnd)
      .split(' ')
      .map((kv) => kv.split('=') as [string, string]),
  );
  const records = parseCsv(text.slice(firstEnd + 2));
  const columns = records.shift()!;
  return { header: { ...header, generated: '' }, columns, rows: records.map((f) => Object.fromEntries(columns.map((c, i) => [c, f[i] ?? '']))) };
}

function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        const q = text.indexOf('"', i);
        field += text.slice(i, q);
        i = q + 1;
        if (text[i] === '"') {
          field += '"';
          i += 1;
        } else break;
      }
    } else {
      const end = text.slice(i).search(/,|\r\n/);
      field = end === -1 ? text.slice(i) : text.slice(i, i + end);
      i = end === -1 ? text.length : i + end;
    }
    fields.push(field);
    if (text.startsWith(',', i)) i += 1;
    else if (text.startsWith('\r\n', i) || i >= text.length) {
      records.push(fields);
      fields = [];
      i += 2;
    }
  }
  return records;
}

/** Each MPAN's rows of an extract, without the MPAN's last position (it moves with any record, notified or not). */
function rowsByMpan(e: Extract): Map<string, Array<Record<string, string>>> {
  const out = new Map<string, Array<Record<string, string>>>();
  for (const row of e.rows) {
    const { mpan_last_position: _p, ...rest } = row;
    out.set(row.mpan_core!, [...(out.get(row.mpan_core!) ?? []), rest]);
  }
  return out;
}

/**
 * Why an MPAN's rows changed without a feed item, if the reason is the one the feed does not
 * publish to the party concerned: a `ChangeOfSupplier` recorded in (P, P2] ended the outgoing
 * supplier's supply — and with it the appointments of its providers — on `supplyEndDate`. The rows
 * then differ only in `role_effective_to`, now that end date, or are gone because `date` is after
 * it. Returns `null` for any other change.
 */
async function endedByChangeOfSupplier(
  core: string,
  date: string,
  before: Array<Record<string, string>> | undefined,
  after: Array<Record<string, string>> | undefined,
): Promise<string | null> {
  if (before === undefined) return null;
  const switches = (await r.store.readStream(`mpan-${core}`)).filter(
    (e) => e.position > P && e.position <= P2 && e.type === 'SupplierRegistered' && e.data.registrationKind === 'ChangeOfSupplier',
  );
  for (const e of switches) {
    const outgoing = e.data.outgoingSupplier as { supplierDipId: string; supplyEndDate: string } | null;
    if (outgoing === null || before.some((row) => row.supplier_dip_id !== outgoing.supplierDipId)) continue;
    const end = outgoing.supplyEndDate;
    const ended = after === undefined ? date > end : JSON.stringify(after) === JSON.stringify(before.map((row) => ({ ...row, role_effective_to: end })));
    if (ended) return `${before.map((row) => row.role).join('+')} ended ${end} by the change of supplier at position ${e.position}`;
  }
  return null;
}
