import { ReferenceData } from '@app/registration-domain';
import { MPAN_VIEW_PROJECTION_NAME } from '../mpan-view/projection';
import { ViewDatabase } from '../runtime/view-database';

/**
 * The columns of a portfolio extract, in order (issue #6; docs/audit.md). One row per MPAN and role
 * the participant holds there on the extract's date. Dates are UK settlement days `YYYY-MM-DD`, the
 * `*_to` dates inclusive (empty = open-ended); DIP ids 10 digits; empty = nothing held on the date.
 */
export const EXTRACT_COLUMNS = [
  'mpan_core',
  /** `SUP`, `MS` or `DS`: the participant's role on this MPAN. */
  'role',
  /** The participant's period in that role: from, to (inclusive, empty = open). */
  'role_effective_from',
  'role_effective_to',
  /** For MS/DS: the role the segment gives the provider (MSS, MSA, UMSO, SDS, ADS, UMSDS) and the IF-031 appointment id. */
  'provider_role',
  'appointment_id',
  /** The parties on the date: supplier, metering service, data service (each with the from-date of its period), LDSO. */
  'supplier_dip_id',
  'supplier_mpid',
  'supplier_effective_from',
  'ms_dip_id',
  'ms_mpid',
  'ms_role',
  'ms_effective_from',
  'ds_dip_id',
  'ds_mpid',
  'ds_role',
  'ds_effective_from',
  'ldso_dip_id',
  'distributor_id',
  /** The MPAN's data items effective on the date. */
  'gsp_group_id',
  'market_segment',
  'energisation_status',
  'connection_type',
  'energy_direction',
  'metered_indicator',
  'domestic_premise_indicator',
  'disconnection_status',
  'postcode',
  /** Meters installed on the date, space-separated, in installation order. */
  'meter_ids',
  /** Global log position of the last record of the MPAN's stream the views had applied (decimal). */
  'mpan_last_position',
] as const;

export type ExtractColumn = (typeof EXTRACT_COLUMNS)[number];

/** Options of {@link writePortfolioExtract}. */
export interface PortfolioExtractOptions {
  /** The live view database, SQLite or PostgreSQL (read in one snapshot). */
  views: ViewDatabase;
  /** Reference data: the LDSO of each distributor id. */
  referenceData: ReferenceData;
  /** The participant's DIP id (10 digits; the caller checks the reference data knows it). */
  participant: string;
  /** The settlement day the portfolio is effective on, `YYYY-MM-DD`. */
  date: string;
  /** UTC instant stamped in the header as `generated=` (the caller's clock). */
  generatedAt: string;
  /** Receives the CSV text in chunks of about 64 KiB, in order (called synchronously; write it before returning). */
  write: (chunk: string) => void;
  /** Called every 1000 rows and at the end with the rows written and the total. */
  onProgress?: (written: number, total: number) => void;
}

/** What an extract contains. `position` is a decimal string. */
export interface PortfolioExtractReport {
  participant: string;
  date: string;
  /** The views' checkpoint the rows reflect: the log up to and including this position. */
  position: string;
  rows: number;
  /** Distinct MPANs among the rows. */
  mpans: number;
  generatedAt: string;
}

// Parameters (numbered, the same SQL on SQLite and PostgreSQL): ?1 the participant's DIP id, ?2 the date.
const ON_DATE = (alias: string) => `${alias}.effective_from_date <= ?2 AND (${alias}.effective_to_date IS NULL OR ${alias}.effective_to_date >= ?2)`;

/** The item on the date of a simple effective-dated table. */
const ITEM = (table: string, column: string) =>
  `(SELECT i.${column} FROM ${table} i WHERE i.mpan_core = r.mpan_core AND ${ON_DATE('i')} LIMIT 1)`;

const ROLES = `
  SELECT mpan_core, 'SUP' AS role, 0 AS role_rank, effective_from_date AS role_from, effective_to_date AS role_to,
         NULL AS provider_role, NULL AS appointment_id
    FROM mpan_view_supplier_periods p WHERE supplier_dip_id = ?1 AND ${ON_DATE('p')}
  UNION ALL
  SELECT mpan_core, service_type, CASE service_type WHEN 'MS' THEN 1 ELSE 2 END, effective_from_date, effective_to_date,
         provider_role, appointment_id
    FROM mpan_view_service_periods p WHERE provider_dip_id = ?1 AND ${ON_DATE('p')}`;

const EXTRACT_SQL = `
  WITH roles AS (${ROLES})
  SELECT r.mpan_core, r.role, r.role_from, r.role_to, r.provider_role, r.appointment_id,
         sup.supplier_dip_id, sup.supplier_mpid, sup.effective_from_date AS supplier_from,
         ms.provider_dip_id AS ms_dip_id, ms.provider_mpid AS ms_mpid, ms.provider_role AS ms_role, ms.effective_from_date AS ms_from,
         ds.provider_dip_id AS ds_dip_id, ds.provider_mpid AS ds_mpid, ds.provider_role AS ds_role, ds.effective_from_date AS ds_from,
         m.distributor_id, m.last_position,
         ${ITEM('mpan_view_gsp_groups', 'gsp_group_id')} AS gsp_group_id,
         ${ITEM('mpan_view_market_segments', 'market_segment')} AS market_segment,
         ${ITEM('mpan_view_energisation_statuses', 'energisation_status')} AS energisation_status,
         ${ITEM('mpan_view_connection_types', 'connection_type')} AS connection_type,
         ${ITEM('mpan_view_energy_directions', 'energy_direction')} AS energy_direction,
         ${ITEM('mpan_view_metered_indicators', 'metered_indicator')} AS metered_indicator,
         ${ITEM('mpan_view_domestic_premise_indicators', 'domestic_premise_indicator')} AS domestic_premise_indicator,
         ${ITEM('mpan_view_disconnections', 'disconnection_status')} AS disconnection_status,
         ${ITEM('mpan_view_addresses', 'postcode')} AS postcode,
         (SELECT string_agg(mt.meter_id, ' ' ORDER BY mt.meter_seq) FROM mpan_view_meters mt
            WHERE mt.mpan_core = r.mpan_core AND ${ON_DATE('mt')}) AS meter_ids
    FROM roles r
    JOIN mpan_view m ON m.mpan_core = r.mpan_core
    LEFT JOIN mpan_view_supplier_periods sup ON sup.mpan_core = r.mpan_core AND ${ON_DATE('sup')}
    LEFT JOIN mpan_view_service_periods ms ON ms.mpan_core = r.mpan_core AND ms.service_type = 'MS' AND ${ON_DATE('ms')}
    LEFT JOIN mpan_view_service_periods ds ON ds.mpan_core = r.mpan_core AND ds.service_type = 'DS' AND ${ON_DATE('ds')}
   ORDER BY r.mpan_core, r.role_rank`;

const COUNT_SQL = `WITH roles AS (${ROLES}) SELECT count(*) AS n FROM roles r JOIN mpan_view m ON m.mpan_core = r.mpan_core`;

/**
 * Writes participant `participant`'s portfolio effective on `date` as CSV (issue #6; design brief
 * §2.7 reconciliation): one row per MPAN and role (`SUP` registered supplier, `MS`/`DS` appointed
 * metering / data service on the date — the rows of `GET /participants/{dipId}/portfolio`), with
 * the parties and data items effective on that date ({@link EXTRACT_COLUMNS}), in MPAN core order
 * (SUP, MS, DS within an MPAN).
 *
 * Format: a first line `# position=<P> participant=<dip> date=<D> generated=<instant> rows=<n>`,
 * then the header row, then the rows; RFC 4180 (CRLF line ends, a field with a comma, quote, CR or
 * LF in double quotes with quotes doubled); booleans `true`/`false`; empty = none on the date.
 *
 * Consistency: every row and `P` come from ONE snapshot of the views (`ViewDatabase.readSnapshot`:
 * a SQLite read transaction, or a PostgreSQL REPEATABLE READ one), so the extract is exactly the
 * views at checkpoint `P` — the log up to and including position `P`. The participant reconciles
 * by applying its feed items with `source_position > P` (none at or below `P` is needed: their
 * effect is in the rows). Rows stream to `write` (SQLite steps the statement, PostgreSQL fetches
 * from a cursor): memory stays flat for any portfolio. The same SQL runs on both dialects
 * (`string_agg(… ORDER BY …)` needs SQLite 3.44 or later), and gives the same CSV.
 */
export async function writePortfolioExtract(options: PortfolioExtractOptions): Promise<PortfolioExtractReport> {
  const params = [options.participant, options.date];
  const { position, rows, mpans } = await options.views.readSnapshot(async (reader) => {
    const checkpoint = await reader.get<{ position: string }>('SELECT position FROM projection_checkpoints WHERE name = ?', [MPAN_VIEW_PROJECTION_NAME]);
    const position = String(checkpoint?.position ?? '0');
    // count(*) is an int8 on PostgreSQL (a decimal string): read as a number (far below 2^53).
    const total = Number((await reader.get<{ n: number | string }>(COUNT_SQL, params))!.n);
    let buffer = `# position=${position} participant=${options.participant} date=${options.date} generated=${options.generatedAt} rows=${total}\r\n`;
    buffer += `${EXTRACT_COLUMNS.join(',')}\r\n`;
    let rows = 0;
    let mpans = 0;
    let lastCore: string | null = null;
    for await (const row of reader.iterate(EXTRACT_SQL, params)) {
      const core = String(row.mpan_core);
      if (core !== lastCore) {
        mpans += 1;
        lastCore = core;
      }
      buffer += `${csvRecord(valuesOf(row, options.referenceData))}\r\n`;
      rows += 1;
      if (buffer.length >= 65_536) {
        options.write(buffer);
        buffer = '';
      }
      if (rows % 1000 === 0) options.onProgress?.(rows, total);
    }
    if (buffer.length > 0) options.write(buffer);
    options.onProgress?.(rows, total);
    return { position, rows, mpans };
  });
  return { participant: options.participant, date: options.date, position, rows, mpans, generatedAt: options.generatedAt };
}

/** One row's fields in {@link EXTRACT_COLUMNS} order. */
function valuesOf(row: Record<string, unknown>, referenceData: ReferenceData): Array<string | null> {
  const distributorId = String(row.distributor_id);
  const bool = (v: unknown) => (v === null || v === undefined ? null : v === 1 || v === true ? 'true' : 'false');
  const values: Record<ExtractColumn, string | null> = {
    mpan_core: text(row.mpan_core),
    role: text(row.role),
    role_effective_from: text(row.role_from),
    role_effective_to: text(row.role_to),
    provider_role: text(row.provider_role),
    appointment_id: text(row.appointment_id),
    supplier_dip_id: text(row.supplier_dip_id),
    supplier_mpid: text(row.supplier_mpid),
    supplier_effective_from: text(row.supplier_from),
    ms_dip_id: text(row.ms_dip_id),
    ms_mpid: text(row.ms_mpid),
    ms_role: text(row.ms_role),
    ms_effective_from: row.ms_dip_id === null ? null : text(row.ms_from),
    ds_dip_id: text(row.ds_dip_id),
    ds_mpid: text(row.ds_mpid),
    ds_role: text(row.ds_role),
    ds_effective_from: row.ds_dip_id === null ? null : text(row.ds_from),
    ldso_dip_id: referenceData.distributor(distributorId)?.ldsoDipId ?? null,
    distributor_id: distributorId,
    gsp_group_id: text(row.gsp_group_id),
    market_segment: text(row.market_segment),
    energisation_status: text(row.energisation_status),
    connection_type: text(row.connection_type),
    energy_direction: text(row.energy_direction),
    metered_indicator: bool(row.metered_indicator),
    domestic_premise_indicator: bool(row.domestic_premise_indicator),
    disconnection_status: text(row.disconnection_status),
    postcode: text(row.postcode),
    meter_ids: text(row.meter_ids),
    mpan_last_position: text(row.last_position),
  };
  return EXTRACT_COLUMNS.map((c) => values[c]);
}

function text(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

/** One CSV record (RFC 4180): fields joined by commas, quoted when they hold a comma, quote, CR or LF; `null` as empty. */
export function csvRecord(fields: ReadonlyArray<string | null>): string {
  return fields.map((f) => (f === null ? '' : /[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',');
}
