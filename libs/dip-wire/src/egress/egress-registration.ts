import { valueOn } from '@app/registration-domain';
import { BlockBuilder, compact, dayBefore } from './egress-blocks';
import { EgressRenderer, renderer, RenderJob } from './egress-render-job';

type Block = Record<string, unknown>;

/**
 * Renderers of the supplier registration publications caused by `SupplierRegistered`: IF-001
 * `[InitialRegistration]` / `[ChangeOfSupplier]` (to the incoming supplier, MDS, LDSO) and IF-002
 * `[GainMPANInfo]` (site information to the incoming supplier). The switch comes from the event;
 * the site data from the MPAN's state as at the supply start date.
 *
 * A change of supplier is a registration with a supplier registered the day before the supply
 * start: B003 names it (the event's `outgoingSupplier` when it has one, otherwise the state's),
 * with the last day of its supply as `supplierEffectiveToDate`. `[ChangeOfSupplier]` without one
 * cannot be rendered.
 */

/** IF-001: B013, B002, B003 (change of supplier), B004, B005, B022–B026 and the supplier data recorded. */
export const IF001 = renderer(['SupplierRegistered'], (job) => {
  const e = job.event.data;
  const b = job.blocks;
  const at = e.supplyStartDate;
  let outgoing: Block | undefined;
  if (job.eventCode === '[ChangeOfSupplier]') {
    outgoing = outgoingSupplier(job);
  } else if (job.eventCode !== '[InitialRegistration]') {
    b.fail(`event code ${job.eventCode} is not an IF-001 event ([InitialRegistration], [ChangeOfSupplier])`);
  }
  return {
    m0: b.m0(at),
    customBlock: compact({
      B013: b.css(e.cssRegistrationId),
      B002: {
        incomingSupplierDIPID: b.dipId(e.supplierDipId, 'incoming supplier'),
        incomingSupplierMPID: b.mpid(e.supplierDipId, e.supplierMpid, 'incoming supplier'),
        supplierEffectiveFromDate: b.date(at, 'supply start date'),
      },
      B003: outgoing,
      B004: b.domesticPremise(at, 'B004'),
      B005: incumbents(b, at),
      ...siteData(b, at),
      ...b.supplierData(at, ['B030', 'B031', 'B032']),
    }),
  };
});

/** IF-002 `[GainMPANInfo]`: B013, B005, B022–B026, the supplier data recorded, and the meters installed on the supply start date (B905List). */
export const IF002 = renderer(['SupplierRegistered'], (job) => {
  const e = job.event.data;
  const b = job.blocks;
  const at = e.supplyStartDate;
  if (job.eventCode !== '[GainMPANInfo]') b.fail(`event code ${job.eventCode} is not IF-002 [GainMPANInfo]`);
  return {
    m0: b.m0(at),
    customBlock: compact({
      B013: b.css(e.cssRegistrationId),
      B005: incumbents(b, at),
      ...siteData(b, at),
      ...b.supplierData(at, ['B030', 'B031', 'B032']),
      B905List: b.installedMeters(at),
    }),
  };
});

/** The registration renderers by interface. */
export const REGISTRATION_RENDERERS: Readonly<Record<string, EgressRenderer>> = {
  'IF-001': IF001 as EgressRenderer,
  'IF-002': IF002 as EgressRenderer,
};

/** B022–B026 as at `at`. */
function siteData(b: BlockBuilder, at: string): Block {
  return { B022: b.address(at), B023: b.connection(at), B024: b.duosTariff(at), B025: b.energisation(at), B026: b.segment(at) };
}

/** B005: the metering and data services appointed the day before the supply start (the incumbents the incoming supplier finds). */
function incumbents(b: BlockBuilder, supplyStart: string): Block | undefined {
  return b.currentProviders(dayBefore(supplyStart));
}

/** B003 of a change of supplier: the outgoing supplier and the last day of its supply. */
function outgoingSupplier(job: RenderJob<Extract<RenderJob['event'], { type: 'SupplierRegistered' }>>): Block {
  const b = job.blocks;
  const e = job.event.data;
  const lastDay = dayBefore(e.supplyStartDate);
  const recorded = valueOn(b.state.suppliers, lastDay);
  const outgoing =
    e.outgoingSupplier ??
    (recorded && { supplierDipId: recorded.supplierDipId, supplierMpid: recorded.supplierMpid, supplyEndDate: lastDay }) ??
    b.fail(`[ChangeOfSupplier] needs an outgoing supplier (B003), but no supplier is registered on ${lastDay}`);
  return {
    outgoingSupplierDIPID: b.dipId(outgoing.supplierDipId, 'outgoing supplier'),
    outgoingSupplierMPID: b.mpid(outgoing.supplierDipId, outgoing.supplierMpid, 'outgoing supplier'),
    supplierEffectiveToDate: b.date(outgoing.supplyEndDate, 'supply end date'),
  };
}
