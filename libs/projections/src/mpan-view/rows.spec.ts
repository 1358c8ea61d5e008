import { snapshotOn, timelinesOf } from '@app/registration-domain';
import { KESTREL } from '@app/registration-domain/appointment/testing/fixtures';
import { DNO_MPAN } from '@app/registration-domain/registration/testing/fixtures';
import { mpanViewAnswer } from './answer';
import { MPAN_VIEW_TABLES } from './entities';
import { AppliedRecord, mpanViewRows, normalisePostcode } from './rows';
import { PROBE_DAYS, RICH_EVENTS, richState } from './testing/rich-history';

const APPLIED: AppliedRecord = { revision: 41n, position: 9_007_199_254_740_993n, recordedAt: '2025-06-15T10:00:00.000Z' };

describe('mpanViewRows (pure row builder of the MPAN query view)', () => {
  const state = richState();
  const rows = mpanViewRows(state, APPLIED);

  it('stamps the mpan_view row with the applied revision and position as exact decimal strings (64-bit, beyond 2^53)', () => {
    expect(rows.mpan).toEqual({
      mpanCore: DNO_MPAN,
      distributorId: '10',
      effectiveFromDate: '2025-04-01',
      lastRevision: '41',
      lastPosition: '9007199254740993',
      lastRecordedAt: '2025-06-15T10:00:00.000Z',
    });
  });

  it('one row per period with inclusive to-dates (the day before the next period), the last one open', () => {
    expect(rows.energisationStatuses).toEqual([
      { mpanCore: DNO_MPAN, effectiveFromDate: '2025-04-01', effectiveToDate: '2025-04-11', energisationStatus: 'E' },
      { mpanCore: DNO_MPAN, effectiveFromDate: '2025-04-12', effectiveToDate: null, energisationStatus: 'D' },
    ]);
    expect(rows.disconnections).toEqual([
      { mpanCore: DNO_MPAN, effectiveFromDate: '2025-04-15', effectiveToDate: '2025-04-19', disconnectionStatus: 'Disconnected' },
      { mpanCore: DNO_MPAN, effectiveFromDate: '2025-04-20', effectiveToDate: null, disconnectionStatus: 'Reconnected' },
    ]);
    expect(rows.smsos.map((r) => [r.effectiveFromDate, r.effectiveToDate, r.smsoId])).toEqual([
      ['2025-04-08', '2025-04-13', 'SMSA'],
      ['2025-04-14', null, null],
    ]);
  });

  it('supplier periods: Brightwater up to the day before Northstar’s switch', () => {
    expect(rows.suppliers).toEqual([
      {
        mpanCore: DNO_MPAN,
        effectiveFromDate: '2025-04-01',
        effectiveToDate: '2025-04-30',
        supplierDipId: '1000000001',
        supplierMpid: 'BRWE',
        cssRegistrationId: 'CSS-REG-0001',
        registrationKind: 'InitialRegistration',
      },
      {
        mpanCore: DNO_MPAN,
        effectiveFromDate: '2025-05-01',
        effectiveToDate: null,
        supplierDipId: '1000000002',
        supplierMpid: 'NSTP',
        cssRegistrationId: 'CSS-REG-0002',
        registrationKind: 'ChangeOfSupplier',
      },
    ]);
  });

  it('service periods in (service type, from) order: a period with nobody appointed has every provider column null', () => {
    expect(rows.services.map((r) => [r.serviceType, r.effectiveFromDate, r.effectiveToDate, r.providerMpid, r.appointmentId])).toEqual([
      ['DS', '2025-04-01', '2025-04-30', 'SDSA', '1000000001:S-DS-0001'],
      ['DS', '2025-05-01', null, null, null],
      ['MS', '2025-04-01', '2025-04-30', 'MSSA', '1000000001:S-MS-0001'],
      ['MS', '2025-05-01', null, null, null],
    ]);
    expect(rows.services[1]).toEqual({
      mpanCore: DNO_MPAN,
      serviceType: 'DS',
      effectiveFromDate: '2025-05-01',
      effectiveToDate: null,
      appointmentId: null,
      providerDipId: null,
      providerMpid: null,
      providerRole: null,
      requestingSupplierDipId: null,
      requestingSupplierMpid: null,
      appointmentScenario: null,
      contractReference: null,
    });
  });

  it('every appointment request with its status, oldest first', () => {
    expect(rows.appointmentRequests.map((r) => [r.requestSeq, r.serviceType, r.providerMpid, r.status])).toEqual([
      [0, 'MS', 'MSSA', 'Activated'],
      [1, 'DS', 'SDSA', 'Activated'],
      [2, 'MS', KESTREL.mpid, 'Pending'],
      [3, 'DS', 'SDSB', 'Rejected'],
    ]);
    expect(rows.appointmentRequests[2]).toMatchObject({
      appointmentId: '1000000001:S-IF-031-0001',
      providerRole: 'MSS',
      providerDipId: KESTREL.dipId,
      requestingSupplierDipId: '1000000001',
      requestingSupplierMpid: 'BRWE',
      effectiveFromDate: '2025-04-20',
      appointmentScenario: 'CSP',
      cssRegistrationId: null,
      requestedOn: '2025-04-10',
    });
  });

  it('meters: installed from the installation date to the day before the removal date, with ESME GUID and histories as JSON', () => {
    expect(rows.meters).toHaveLength(2);
    expect(rows.meters[0]).toMatchObject({
      meterSeq: 0,
      meterId: 'S95A01234',
      esmeGuid: '00-11-22-33-44-55-66-77',
      effectiveFromDate: '2025-04-05',
      effectiveToDate: '2025-04-07',
      meterRemovalDate: '2025-04-08',
      meterType: 'S2ADE',
      numberOfDisplayedRegisterDigits: 5,
    });
    expect(JSON.parse(rows.meters[0]!.mapHistory)).toEqual([{ meterAssetProviderId: 'MAPA', effectiveFromDate: '2025-04-05' }]);
    expect(JSON.parse(rows.meters[0]!.history)).toEqual(state.meters[0]!.history);
    expect(rows.meters[1]).toMatchObject({ meterSeq: 1, meterId: 'K12345678', esmeGuid: null, effectiveFromDate: '2025-04-08', effectiveToDate: null, meterRemovalDate: null });
  });

  it('addresses keep the postcode as recorded and its normalised form; lines as JSON', () => {
    expect(rows.addresses.map((r) => [r.effectiveFromDate, r.effectiveToDate, r.postcode, r.postcodeNormalised, JSON.parse(r.addressLines)[0]])).toEqual([
      ['2025-04-01', '2025-05-31', 'CB1 2AB', 'CB1 2AB', '1 Mill Road'],
      ['2025-06-01', null, 'CB2 3CD', 'CB2 3CD', '2 Mill Road'],
    ]);
  });

  it('every list is in its table’s orderBy order and unique on it (the digest relies on it)', () => {
    for (const table of MPAN_VIEW_TABLES) {
      const value = rows[table.key];
      const list = (Array.isArray(value) ? value : [value]) as unknown as Array<Record<string, unknown>>;
      const props = table.orderBy.map((c) => c.replace(/_([a-z])/g, (_m, ch: string) => ch.toUpperCase()));
      const keys = list.map((r) => JSON.stringify(props.map((p) => r[p])));
      expect(new Set(keys).size).toBe(keys.length);
      const sorted = [...list].sort((a, b) => {
        for (const p of props) {
          const x = a[p] as string | number;
          const y = b[p] as string | number;
          if (x !== y) return x < y ? -1 : 1;
        }
        return 0;
      });
      expect(list).toEqual(sorted);
    }
  });

  it('is deterministic and does not alias the state: the same state gives equal rows; changing the rows leaves the state as it was', () => {
    const again = mpanViewRows(richState(), APPLIED);
    expect(again).toEqual(rows);
    const before = structuredClone(state);
    again.meters[0]!.meterId = 'changed';
    expect(state).toEqual(before);
  });
});

describe('mpanViewAnswer(mpanViewRows(state)) equals the domain fold’s answer', () => {
  it.each(RICH_EVENTS.map((e, i) => [i + 1, e.type] as const))(
    'after %i events (last %s): snapshot on every probe day and the timelines',
    (n) => {
      const state = richState(n);
      const rows = mpanViewRows(state, APPLIED);
      for (const day of PROBE_DAYS) {
        const answer = mpanViewAnswer(rows, day);
        expect(answer.snapshot).toEqual(snapshotOn(state, day));
        expect(answer.timelines).toEqual(timelinesOf(state));
        expect(answer.appointmentRequests).toEqual(state.appointmentRequests);
      }
    },
  );
});

describe('normalisePostcode', () => {
  it.each([
    ['TN1 1AA', 'TN1 1AA'],
    ['tn1 1aa', 'TN1 1AA'],
    ['TN11AA', 'TN1 1AA'],
    ['  tn1   1aa ', 'TN1 1AA'],
    ['SW1A1AA', 'SW1A 1AA'],
    ['m1 1ae', 'M1 1AE'],
    ['EC1A  1BB', 'EC1A 1BB'],
    // Not a UK postcode shape: only case and white space are normalised.
    ['not  a code', 'NOT A CODE'],
    ['AB1', 'AB1'],
  ])('%j → %j', (raw, expected) => {
    expect(normalisePostcode(raw)).toBe(expected);
  });
});
