import type { RecordedEvent } from '@app/event-store';
import { EES, KESTREL, NORTHSTAR_SWITCH, requested } from '@app/registration-domain/appointment/testing/fixtures';
import { BRIGHTWATER, EASTERN_LDSO, GREENFIELD, mpanCreated, NORTHSTAR, supplierRegistered } from '@app/registration-domain/registration/testing/fixtures';
import { EntitlementScanner, eventEffectiveDate, HistoryEntitlement, isVisible } from './entitlement';

/**
 * The entitlement rule of the history replay (docs/audit.md "History replay"), on one stream:
 * r0 MPAN created 2025-04-01 · r1 its IF-050 to the EES · r2 Brightwater from 2025-04-01 · r3 its
 * IF-001 to Brightwater, the MDS and the LDSO · r4 an address change effective 2025-06-01 ·
 * r5 Brightwater proposes Kestrel as MS from 2025-04-20 · r6 the IF-033 to Kestrel ·
 * r7 Northstar's change of supplier from 2025-05-01 · r8 a GSP group change effective 2025-04-15.
 */
const MDS = '9000000004';
const stream: RecordedEvent[] = [
  mpanCreated(),
  publication('IF-050', [['EES', EES]]),
  supplierRegistered(),
  publication('IF-001', [['SUP', BRIGHTWATER.dipId], ['MDS', MDS], ['LDSO', EASTERN_LDSO]]),
  { type: 'MpanAddressChanged', data: { mpanCore: '1012345678903', address: { postcode: 'TN1 1AA', lines: [] }, effectiveFromDate: '2025-06-01' } },
  requested(),
  publication('IF-033', [['MSS', KESTREL.dipId]]),
  NORTHSTAR_SWITCH,
  { type: 'GspGroupChanged', data: { mpanCore: '1012345678903', gspGroupId: '_B', effectiveFromDate: '2025-04-15' } },
].map((e, revision) => ({
  streamName: 'mpan-1012345678903',
  revision: BigInt(revision),
  position: BigInt(100 + revision),
  recordedAt: '2025-04-10T09:00:00.000Z',
  type: e.type,
  data: e.data as unknown as Record<string, unknown>,
  metadata: { schemaVersion: 1, eventId: `e${revision}`, correlationId: 'c', causationId: 'c' },
}));

function publication(interfaceId: string, recipients: Array<[string, string]>) {
  return { type: 'PublicationIssued', data: { mpanCore: '1012345678903', interfaceId, recipients: recipients.map(([role, dipId]) => ({ role, dipId })) } };
}

function entitlementOf(participant: string, isLdso = false): HistoryEntitlement | null {
  const scanner = new EntitlementScanner(participant, isLdso);
  for (const e of stream) scanner.add(e);
  return scanner.result();
}

const visibleRevisions = (entitlement: HistoryEntitlement) => stream.filter((e) => isVisible(e, entitlement)).map((e) => Number(e.revision));

describe('history replay entitlement', () => {
  it("the MPAN's LDSO sees every MPAN event from revision 0, and only the publications that name it", () => {
    const e = entitlementOf(EASTERN_LDSO, true)!;
    expect(e.roles).toEqual([{ role: 'LDSO', fromRevision: 0n }]);
    expect(visibleRevisions(e)).toEqual([0, 2, 3, 4, 5, 7, 8]);
  });

  it('a supplier sees from its first registration on, and before it only what takes effect in its supply periods', () => {
    const brwe = entitlementOf(BRIGHTWATER.dipId)!;
    expect(brwe.roles).toEqual([{ role: 'SUP', fromRevision: 2n }]);
    expect(brwe.supplyPeriods).toEqual([{ effectiveFromDate: '2025-04-01', effectiveToDate: '2025-04-30' }]);
    // r0: the creation takes effect on 2025-04-01, inside Brightwater's supply.
    expect(visibleRevisions(brwe)).toEqual([0, 2, 3, 4, 5, 7, 8]);

    const nstp = entitlementOf(NORTHSTAR.dipId)!;
    expect(nstp.roles).toEqual([{ role: 'SUP', fromRevision: 7n }]);
    expect(nstp.supplyPeriods).toEqual([{ effectiveFromDate: '2025-05-01', effectiveToDate: null }]);
    // r4, recorded before Northstar registered, takes effect on 2025-06-01, during its supply; r5
    // (2025-04-20) and r0/r2 (2025-04-01) do not.
    expect(visibleRevisions(nstp)).toEqual([4, 7, 8]);
  });

  it('a proposed provider sees from the request that names it on, whether or not it accepts', () => {
    const kestrel = entitlementOf(KESTREL.dipId)!;
    expect(kestrel.roles).toEqual([{ role: 'MS', fromRevision: 5n }]);
    expect(kestrel.supplyPeriods).toEqual([]);
    expect(visibleRevisions(kestrel)).toEqual([5, 6, 7, 8]);
  });

  it('a participant with no entitling role on the MPAN has none, even when publications name it (EES, MDS) or it supplies elsewhere', () => {
    expect(entitlementOf(EES)).toBeNull();
    expect(entitlementOf(MDS)).toBeNull();
    expect(entitlementOf(GREENFIELD.dipId)).toBeNull();
  });

  it('the window opens at the earliest of several roles', () => {
    const scanner = new EntitlementScanner(KESTREL.dipId, true);
    for (const e of stream) scanner.add(e);
    expect(scanner.result()).toMatchObject({ roles: [{ role: 'LDSO', fromRevision: 0n }, { role: 'MS', fromRevision: 5n }], fromRevision: 0n });
  });
});

describe('eventEffectiveDate', () => {
  it.each([
    ['MpanCreated', { effectiveFromDate: '2025-04-01' }, '2025-04-01'],
    ['SupplierRegistered', { supplyStartDate: '2025-05-01' }, '2025-05-01'],
    ['SscAndProfileClassChanged', { profileClassEffectiveFromDate: '2025-07-02', sscEffectiveFromDate: '2025-07-01' }, '2025-07-01'],
    ['SscAndProfileClassChanged', { profileClassEffectiveFromDate: null, sscEffectiveFromDate: '2025-07-03' }, '2025-07-03'],
    ['MeterInstalled', { meter: { meterInstallationDate: '2025-04-03' } }, '2025-04-03'],
    ['MeterRemoved', { meterRemovalDate: '2025-08-01' }, '2025-08-01'],
    ['MeterExchanged', { exchangeDate: '2025-08-02' }, '2025-08-02'],
    ['ServiceAppointmentAccepted', { appointmentId: 'x' }, null],
    ['ServiceProviderDeappointed', { effectiveToDate: '2025-04-30' }, null],
    ['PublicationIssued', {}, null],
  ])('%s %j takes effect on %s', (type, data, expected) => {
    expect(eventEffectiveDate(type, data)).toBe(expected);
  });
});
