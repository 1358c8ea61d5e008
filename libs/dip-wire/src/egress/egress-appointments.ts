import {
  AppointmentRequest,
  DataServiceProposal,
  ProposedAppointment,
  requestById,
  ServiceAppointmentRequested,
  ServiceType,
  supersededNote,
  valueOn,
} from '@app/registration-domain';
import { compact, dayAfter, dayBefore } from './egress-blocks';
import { responseMessageOf, truncate } from './egress-envelope';
import { EgressRenderer, renderer, RenderJob } from './egress-render-job';

type Block = Record<string, unknown>;

/**
 * Renderers of the service appointment publications (IF-031 → IF-037, mhhs-domain.md §3.2). The
 * appointment's data (B012 requesting supplier, B013 CSS registration, B070 / B071 proposal) comes
 * from the request as recorded (`ServiceAppointmentRequested`); MPAN data from the state as at the
 * appointment's effective-from date (IF-037: its last day).
 */

/**
 * The items of a data service proposal (IF-031 `[DSApp]` B071) beyond the provider, as a
 * `ServiceAppointmentRequested` records them (`DataServiceProposal` of the domain, under these
 * names): `supplierProposedConsentGranularity`, `supplierProposedDomesticIndicator`,
 * `supplierNominatedMdr` (`{ dipId, mpid, effectiveFromDate }`, each nullable, or `null`) and
 * `traditionalFallBackReadFrequency`. B071 echoes them as recorded. A data service request
 * recorded before the registry kept them has none: then B071's two required items are taken from
 * the MPAN's recorded consent granularity and domestic premise indicator on the effective-from
 * date (failing when the MPAN has none), and the nullable ones are `null`.
 */
export type RecordedDataServiceProposal = Partial<DataServiceProposal>;

/** IF-032 `[MSAppInitialResp]` / `[DSAppInitialResp]`: R0 `A` (REG1089 note when it supersedes a pending request), B013, B070 / B071. */
export const IF032 = renderer(['ServiceAppointmentRequested'], (job) => {
  const p = job.event.data;
  checkService(job, p.serviceType);
  const notes = p.supersedesAppointmentId === null ? [] : [supersededNoteOf(job.event, p.supersedesAppointmentId, job)];
  return {
    m0: job.blocks.m0(p.effectiveFromDate),
    r0: { responseCode: 'A', responseMessages: notes },
    customBlock: compact({ B013: job.blocks.css(p.cssRegistrationId), ...proposal(job, p) }),
  };
});

/** IF-033 `[MSAppSPRequest]` / `[DSAppSPRequest]`: the request, the incumbent MS (B072) and the MPAN's data as at the effective-from date. */
export const IF033 = renderer(['ServiceAppointmentRequested'], (job) => {
  const p = job.event.data;
  checkService(job, p.serviceType);
  const b = job.blocks;
  const at = p.effectiveFromDate;
  const incumbent = b.providerOn('MS', dayBefore(at));
  return {
    m0: b.m0(at),
    customBlock: compact({
      B012: requestingSupplier(job, p),
      B013: b.css(p.cssRegistrationId),
      ...proposal(job, p),
      B072: incumbent ? { incumbentMeteringServiceDIPID: incumbent.dipId, incumbentMeteringServiceMPID: incumbent.mpid } : undefined,
      B022: b.address(at),
      B023: b.connection(at),
      B024: b.duosTariff(at),
      B025: b.energisation(at),
      B026: b.segment(at),
      ...b.supplierData(at, ['B031', 'B032']),
      B905List: b.installedMeters(at),
    }),
  };
});

const OUTCOMES = {
  ServiceAppointmentAccepted: { word: 'Accepted', responseCode: 'A' },
  ServiceAppointmentRejected: { word: 'Rejected', responseCode: 'R' },
  ServiceAppointmentLapsed: { word: 'Lapsed', responseCode: 'L' },
} as const;

/** IF-035 `[MSAppAccepted|Rejected|Lapsed]` (DS alike): B007 outcome (A / R / L and the provider's SP code), B012, B013, B070 / B071. */
export const IF035 = renderer(['ServiceAppointmentAccepted', 'ServiceAppointmentRejected', 'ServiceAppointmentLapsed'], (job) => {
  const e = job.event;
  const r = request(job, e.data.appointmentId);
  checkService(job, r.serviceType);
  const outcome = OUTCOMES[e.type];
  if (job.eventCode !== `[${r.serviceType}App${outcome.word}]`) {
    job.blocks.fail(`event code ${job.eventCode} does not announce ${e.type} of a ${r.serviceType} appointment`);
  }
  const code = e.type === 'ServiceAppointmentLapsed' ? null : e.data.proposedAppointmentResponseCode;
  return {
    m0: job.blocks.m0(r.effectiveFromDate),
    customBlock: compact({
      B007: { responseCode: outcome.responseCode, proposedAppointmentResponseCode: code ? truncate(code, 200) : null },
      B012: requestingSupplier(job, r),
      B013: job.blocks.css(r.cssRegistrationId),
      ...proposal(job, r),
    }),
  };
});

/**
 * IF-036 `[MSAppActive]` / `[DSAppActive]`: B012, B013, the appointed provider (B014 / B015), the
 * providers appointed on the date (B005), the partner service's provider when it starts the same
 * day (B017 / B016), and the MPAN's data as at the effective-from date (B022–B026, B028 required;
 * B030–B032, B068 and the installed meters when recorded).
 */
export const IF036 = renderer(['ServiceAppointmentActivated'], (job) => {
  const e = job.event.data;
  const r = request(job, e.appointmentId);
  checkService(job, r.serviceType);
  const b = job.blocks;
  const at = e.effectiveFromDate;
  const from = b.date(at, 'appointment effective-from date');
  const partnerType: ServiceType = r.serviceType === 'MS' ? 'DS' : 'MS';
  const partner = b.providerOn(partnerType, at);
  const incomingPartner = partner && partner.from === at ? partner : undefined;
  const appointed =
    r.serviceType === 'MS'
      ? {
          B014: {
            incomingMeteringServiceDIPID: b.dipId(r.providerDipId, 'metering service'),
            incomingMeteringServiceEffectiveFromDate: from,
            incomingMeteringServiceMPID: b.mpid(r.providerDipId, r.providerMpid, 'metering service'),
            contractReferenceMeteringService: contractReference(r),
            appointmentScenario: r.appointmentScenario,
          },
          B005: b.currentProviders(at),
          B017: incomingPartner && {
            incomingDataServiceDIPID: incomingPartner.dipId,
            incomingDataServiceMPID: incomingPartner.mpid,
            incomingDataServiceEffectiveFromDate: b.date(incomingPartner.from, 'data service effective-from date'),
          },
        }
      : {
          B015: {
            incomingDataServiceMPID: b.mpid(r.providerDipId, r.providerMpid, 'data service'),
            incomingDataServiceDIPID: b.dipId(r.providerDipId, 'data service'),
            incomingDataServiceEffectiveFromDate: from,
            contractReferenceDataService: contractReference(r),
            appointmentScenario: r.appointmentScenario,
            traditionalFallBackReadFrequency: r.traditionalFallBackReadFrequency ?? null,
          },
          B005: b.currentProviders(at),
          B016: incomingPartner && {
            incomingMeteringServiceDIPID: incomingPartner.dipId,
            incomingMeteringServiceMPID: incomingPartner.mpid,
            incomingMeteringServiceEffectiveFromDate: b.date(incomingPartner.from, 'metering service effective-from date'),
          },
        };
  return {
    m0: b.m0(at),
    customBlock: compact({
      B012: requestingSupplier(job, r),
      B013: b.css(r.cssRegistrationId),
      ...appointed,
      B022: b.address(at),
      B023: b.connection(at),
      B024: b.duosTariff(at),
      B025: b.energisation(at),
      B026: b.segment(at),
      B028: b.domesticPremise(at, 'B028'),
      ...b.supplierData(at, r.serviceType === 'DS' ? ['B068', 'B030', 'B031', 'B032'] : ['B030', 'B031', 'B032']),
      B905List: b.installedMeters(at),
    }),
  };
});

/**
 * IF-037 `[MSDeApp]` / `[DSDeApp]`: the de-appointment (B008 / B009: provider, its period, reason);
 * the provider appointed the day after (B010 / B011) and, on a change of supplier, the incoming
 * supplier (B002) with its CSS registration (B013).
 */
export const IF037 = renderer(['ServiceProviderDeappointed'], (job) => {
  const e = job.event.data;
  checkService(job, e.serviceType);
  const b = job.blocks;
  const lastDay = e.effectiveToDate;
  const next = dayAfter(lastDay);
  const incoming = b.providerOn(e.serviceType, next);
  const successor = incoming && incoming.appointmentId !== e.appointmentId ? incoming : undefined;
  const supplierBefore = valueOn(b.state.suppliers, lastDay);
  const supplierAfter = valueOn(b.state.suppliers, next);
  const newSupplier = supplierAfter && supplierAfter.cssRegistrationId !== supplierBefore?.cssRegistrationId ? supplierAfter : undefined;
  const provider = { dipId: b.dipId(e.providerDipId, 'de-appointed provider'), mpid: b.mpid(e.providerDipId, e.providerMpid, 'de-appointed provider') };
  const period = {
    from: b.date(e.effectiveFromDate, 'appointment effective-from date'),
    to: b.date(lastDay, 'appointment effective-to date'),
  };
  const deappointment =
    e.serviceType === 'MS'
      ? {
          B008: {
            deAppointedMeteringServiceDIPID: provider.dipId,
            deAppointedMeteringServiceMPID: provider.mpid,
            meteringServiceEffectiveFromDate: period.from,
            meteringServiceEffectiveToDate: period.to,
            deAppointmentReasonCode: e.reason,
          },
          B010: successor && {
            incomingMeteringServiceDIPID: successor.dipId,
            incomingMeteringServiceMPID: successor.mpid,
            incomingMeteringServiceEffectiveFromDate: b.date(successor.from, 'incoming metering service effective-from date'),
          },
        }
      : {
          B009: {
            deAppointedDataServiceDIPID: provider.dipId,
            deAppointedDataServiceMPID: provider.mpid,
            dataServiceEffectiveFromDate: period.from,
            dataServiceEffectiveToDate: period.to,
            deAppointmentReasonCode: e.reason,
          },
          B011: successor && {
            incomingDataServiceDIPID: successor.dipId,
            incomingDataServiceMPID: successor.mpid,
            incomingDataServiceEffectiveFromDate: b.date(successor.from, 'incoming data service effective-from date'),
          },
        };
  const supplyStart = newSupplier ? b.asAt(b.state.suppliers, next)!.effectiveFromDate : undefined;
  return {
    m0: b.m0(lastDay),
    customBlock: compact({
      B013: newSupplier ? b.css(newSupplier.cssRegistrationId) : undefined,
      ...deappointment,
      B002: newSupplier && {
        incomingSupplierDIPID: b.dipId(newSupplier.supplierDipId, 'incoming supplier'),
        incomingSupplierMPID: b.mpid(newSupplier.supplierDipId, newSupplier.supplierMpid, 'incoming supplier'),
        supplierEffectiveFromDate: b.date(supplyStart!, 'supply start date'),
      },
    }),
  };
});

/** The appointment renderers by interface. */
export const APPOINTMENT_RENDERERS: Readonly<Record<string, EgressRenderer>> = {
  'IF-032': IF032 as EgressRenderer,
  'IF-033': IF033 as EgressRenderer,
  'IF-035': IF035 as EgressRenderer,
  'IF-036': IF036 as EgressRenderer,
  'IF-037': IF037 as EgressRenderer,
};

function request(job: RenderJob, appointmentId: string): AppointmentRequest {
  return requestById(job.blocks.state, appointmentId) ?? job.blocks.fail(`appointment ${appointmentId} is not among the MPAN's requests`);
}

function checkService(job: RenderJob, serviceType: ServiceType): void {
  if (!job.eventCode.startsWith(`[${serviceType}`)) {
    job.blocks.fail(`event code ${job.eventCode} is not about the ${serviceType} appointment the event concerns`);
  }
}

function requestingSupplier(job: RenderJob, p: ProposedAppointment): Block {
  return {
    serviceProviderAppointmentRequestingSupplierDIPID: job.blocks.dipId(p.requestingSupplierDipId, 'requesting supplier'),
    serviceProviderAppointmentRequestingSupplierMPID: job.blocks.mpid(p.requestingSupplierDipId, p.requestingSupplierMpid, 'requesting supplier'),
  };
}

/** DI-019 / DI-020 (1–50 characters, nullable): an empty reference is `null`. */
const contractReference = (p: ProposedAppointment): string | null => (p.contractReference === '' ? null : p.contractReference);

/** B070 (MS) or B071 (DS) of a proposal as recorded. */
function proposal(job: RenderJob, p: ProposedAppointment): Block {
  const b = job.blocks;
  const provider = { dipId: b.dipId(p.providerDipId, 'proposed provider'), mpid: b.mpid(p.providerDipId, p.providerMpid, 'proposed provider') };
  const from = b.date(p.effectiveFromDate, 'proposed effective-from date');
  if (p.serviceType === 'MS') {
    return {
      B070: {
        proposedMeteringServiceDIPID: provider.dipId,
        proposedMeteringServiceMPID: provider.mpid,
        proposedMeteringServiceDIPEffectiveFromDate: from,
        contractReferenceMeteringService: contractReference(p),
        appointmentScenario: p.appointmentScenario,
      },
    };
  }
  const extra: RecordedDataServiceProposal = p;
  const at = p.effectiveFromDate;
  const consent =
    extra.supplierProposedConsentGranularity ??
    b.asAt(b.state.consentGranularity, at)?.value ??
    b.fail(`B071.supplierProposedConsentGranularity is required: the request does not record it and no consent granularity is recorded for the MPAN`);
  const domestic =
    extra.supplierProposedDomesticIndicator ??
    b.asAt(b.state.domesticPremiseIndicator, at)?.value ??
    b.fail(`B071.supplierProposedDomesticIndicator is required: the request does not record it and no domestic premise indicator is recorded for the MPAN`);
  const mdr = extra.supplierNominatedMdr ?? null;
  return {
    B071: {
      proposedDataServiceDIPID: provider.dipId,
      proposedDataServiceMPID: provider.mpid,
      proposedDataServiceDIPEffectiveFromDate: from,
      contractReferenceDataService: contractReference(p),
      appointmentScenario: p.appointmentScenario,
      // Each MDR item as the supplier sent it (all three are nullable, separately).
      supplierNominatedMDRDIPID: mdr?.dipId == null ? null : b.dipId(mdr.dipId, 'nominated MDR'),
      supplierNominatedMDRMPID: mdr?.mpid == null ? null : b.mpid(mdr.dipId ?? '(no DIP id)', mdr.mpid, 'nominated MDR'),
      supplierNominatedMDREffectiveFromDate: mdr?.effectiveFromDate == null ? null : b.date(mdr.effectiveFromDate, 'nominated MDR effective-from date'),
      supplierProposedConsentGranularity: consent,
      supplierProposedDomesticIndicator: domestic,
      traditionalFallBackReadFrequency: extra.traditionalFallBackReadFrequency ?? null,
    },
  };
}

/** REG1089 (informational): the note naming the pending request this one supersedes. */
function supersededNoteOf(event: ServiceAppointmentRequested, supersededId: string, job: RenderJob): string {
  const p = event.data;
  const note = supersededNote(
    { type: 'ServiceAppointmentSuperseded', data: { mpanCore: p.mpanCore, appointmentId: supersededId, serviceType: p.serviceType, supersededByAppointmentId: p.appointmentId } },
    job.blocks.state,
  );
  return responseMessageOf(note);
}
