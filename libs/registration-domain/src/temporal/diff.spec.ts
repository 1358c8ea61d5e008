import { accepted, BRWE_MS, HISTORY, KESTREL, METERWISE, REQUEST_ID, requested, service } from '../appointment/testing/fixtures';
import { details, meterBlock, meterInstalled } from '../metering/testing/fixtures';
import { evolve } from '../registration/evolve';
import { MpanEvent } from '../registration/mpan-messages';
import { snapshotOn } from '../registration/snapshot';
import { CreatedMpanState, initialState } from '../registration/state';
import { d, DNO_MPAN, mpanCreated } from '../registration/testing/fixtures';
import { diffSnapshots } from './diff';
import { isMpanItemName, MPAN_ITEM_NAMES } from './items';

const fold = (events: MpanEvent[]) => events.reduce(evolve, initialState()) as CreatedMpanState;
const duos = (duosTariffId: string, effectiveFromDate: string): MpanEvent => ({
  type: 'DuosTariffIdChanged',
  data: { mpanCore: DNO_MPAN, duosTariffId, effectiveFromDate },
});

describe('item names', () => {
  it('are the keys of a snapshot other than the MPAN identity and the date, in snapshot order', () => {
    const keys = Object.keys(snapshotOn(fold([mpanCreated()]), '2025-04-01'));
    expect(keys.filter((k) => !['mpanCore', 'distributorId', 'effectiveFromDate', 'settlementDate'].includes(k))).toEqual([...MPAN_ITEM_NAMES]);
    expect([isMpanItemName('meteringService'), isMpanItemName('meteringServices'), isMpanItemName('toString')]).toEqual([true, false, false]);
  });
});

describe('diffSnapshots: item by item, what differs between two (effective date, known-at) points', () => {
  it('omits unchanged items and gives the before and after periods of changed ones', () => {
    const early = fold([mpanCreated()]);
    const later = fold([mpanCreated(), duos('2B', '2025-06-01')]);
    expect(diffSnapshots(snapshotOn(early, '2025-07-01'), snapshotOn(later, '2025-07-01'))).toEqual([
      {
        item: 'duosTariffId',
        key: null,
        change: 'valueChanged',
        before: { value: '1A', effectiveFromDate: '2025-04-01', effectiveToDate: null },
        after: { value: '2B', effectiveFromDate: '2025-06-01', effectiveToDate: null },
      },
    ]);
    expect(diffSnapshots(snapshotOn(later, '2025-07-01'), snapshotOn(later, '2025-07-02'))).toEqual([]);
  });

  it('a same value whose period moved is periodChanged (a future change recorded later ends it)', () => {
    const known = fold([mpanCreated()]);
    const laterKnown = fold([mpanCreated(), duos('2B', '2025-10-26')]);
    expect(diffSnapshots(snapshotOn(known, '2025-06-01'), snapshotOn(laterKnown, '2025-06-01'))).toEqual([
      {
        item: 'duosTariffId',
        key: null,
        change: 'periodChanged',
        before: { value: '1A', effectiveFromDate: '2025-04-01', effectiveToDate: null },
        after: { value: '1A', effectiveFromDate: '2025-04-01', effectiveToDate: '2025-10-25' },
      },
    ]);
  });

  it('an item with no value on one side is added or removed; an unknown MPAN has no items', () => {
    const state = fold([...HISTORY, requested(), accepted(REQUEST_ID)]);
    const ms = diffSnapshots(snapshotOn(state, '2025-04-19'), snapshotOn(state, '2025-04-20')).filter((c) => c.item === 'meteringService');
    expect(ms).toEqual([
      {
        item: 'meteringService',
        key: null,
        change: 'valueChanged',
        before: { value: service(METERWISE, BRWE_MS), effectiveFromDate: '2025-04-01', effectiveToDate: '2025-04-19' },
        after: { value: service(KESTREL, REQUEST_ID, { scenario: 'CSP', contractReference: 'CON-MS-2' }), effectiveFromDate: '2025-04-20', effectiveToDate: null },
      },
    ]);
    const fromNothing = diffSnapshots(null, snapshotOn(fold([mpanCreated()]), '2025-04-01'));
    expect(fromNothing.map((c) => [c.item, c.change])).toEqual([
      ['gspGroupId', 'added'],
      ['address', 'added'],
      ['connectionType', 'added'],
      ['energyDirection', 'added'],
      ['meteredIndicator', 'added'],
      ['marketSegment', 'added'],
      ['duosTariffId', 'added'],
      ['energisationStatus', 'added'],
    ]);
    expect(diffSnapshots(snapshotOn(fold([mpanCreated()]), '2025-04-01'), null).every((c) => c.change === 'removed' && c.after === null)).toBe(true);
  });

  it('compares meters by meter id and pending requests by appointment id', () => {
    const before = fold([...HISTORY, requested()]);
    const after = fold([
      ...HISTORY,
      requested(),
      accepted(REQUEST_ID),
      meterInstalled(),
      { type: 'MeterDetailsUpdated', data: { mpanCore: DNO_MPAN, meterId: 'S95A01234', meter: details(meterBlock({ meterLocation: 'B' })), ihd: null, meteringServiceDipId: METERWISE.dipId, receivedOn: '2025-04-12' } },
    ]);
    const installedOnly = fold([...HISTORY, requested(), meterInstalled()]);
    const changes = diffSnapshots(snapshotOn(before, '2025-04-10'), snapshotOn(after, '2025-04-10'));
    // Kestrel's acceptance (from 2025-04-20) also gives Meterwise's period an end: same value, moved period.
    expect(changes.map((c) => [c.item, c.key, c.change])).toEqual([
      ['meteringService', null, 'periodChanged'],
      ['pendingAppointments', REQUEST_ID, 'removed'],
      ['meters', 'S95A01234', 'added'],
    ]);
    expect(diffSnapshots(snapshotOn(installedOnly, '2025-04-10'), snapshotOn(after, '2025-04-10')).map((c) => [c.item, c.key, c.change])).toEqual([
      ['meteringService', null, 'periodChanged'],
      ['pendingAppointments', REQUEST_ID, 'removed'],
      ['meters', 'S95A01234', 'valueChanged'],
    ]);
    const moved = fold([...HISTORY, meterInstalled(meterBlock({ meterInstallationDate: d('2025-04-03') }, [{ meterAssetProviderId: 'MAPA', effectiveFromDate: d('2025-04-05') }]))]);
    expect(diffSnapshots(snapshotOn(fold([...HISTORY, meterInstalled()]), '2025-04-10'), snapshotOn(moved, '2025-04-10')).map((c) => [c.item, c.change])).toEqual([['meters', 'periodChanged']]);
  });
});
