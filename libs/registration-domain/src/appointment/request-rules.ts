import { participantLabel } from '../registration/decide-common';
import { broken } from '../registration/rules';
import { CreatedMpanState } from '../registration/state';
import { ReferenceData } from '../reference-data/reference-data';
import { addDays } from '../shared/local-date';
import { RejectionReason } from '../shared/rejection';
import { entryOn, valueOn } from '../shared/timeline';
import { RequestServiceAppointment } from './commands';
import { labelOf } from './appointment-common';
import { SERVICE_NAMES, SERVICE_ROLES, serviceRoleFor } from './state';

/**
 * The rules of an IF-031 request, by topic; each returns every reason it finds (`[]` when none).
 * docs/rules.md has the exact condition of each code.
 */

/** Longest lead time of a provider appointment (REG1099). */
export const MAX_DAYS_AHEAD = 28;

/** REG1032 (local midnight) and REG1099 (≤ 28 days ahead of today = `requestedOn`). */
export function dateReasons(c: RequestServiceAppointment): RejectionReason[] {
  const d = c.data;
  const reasons: RejectionReason[] = [];
  if (!d.effectiveFromIsLocalMidnight) {
    reasons.push(
      broken('EffectiveFromNotLocalMidnight', `${d.serviceType} effective-from date ${d.effectiveFromDate} was not sent as UK local midnight`),
    );
  }
  const latest = addDays(d.requestedOn, MAX_DAYS_AHEAD);
  if (d.effectiveFromDate > latest) {
    reasons.push(
      broken(
        'EffectiveFromTooFarAhead',
        `${d.serviceType} effective-from date ${d.effectiveFromDate} is more than ${MAX_DAYS_AHEAD} days after today ${d.requestedOn} (latest ${latest})`,
      ),
    );
  }
  return reasons;
}

/**
 * REG1034: a gaining supplier's appointment cannot be backdated. Gaining = scenario COS, or the
 * requester is not the supplier registered today (`requestedOn`); backdated = before today.
 */
export function backdatingReasons(c: RequestServiceAppointment, state: CreatedMpanState): RejectionReason[] {
  const d = c.data;
  const current = valueOn(state.suppliers, d.requestedOn)?.supplierDipId === c.context.senderDipId;
  if (d.effectiveFromDate >= d.requestedOn || (current && d.appointmentScenario !== 'COS')) return [];
  return [
    broken(
      'GainingSupplierBackdated',
      `${d.serviceType} effective-from date ${d.effectiveFromDate} is before today ${d.requestedOn}: a gaining supplier's appointment cannot be backdated`,
    ),
  ];
}

/**
 * COS: the B013 CSS registration id is present (REG0005) and names a registration of this MPAN by
 * the sender (REG0006); effective-from is that registration's supply start date (REG1032); and it
 * lies in a supply period of the sender (REG1019).
 */
export function cosReasons(c: RequestServiceAppointment, state: CreatedMpanState, ref: ReferenceData): RejectionReason[] {
  const d = c.data;
  const sender = c.context.senderDipId;
  const reasons: RejectionReason[] = [];
  const cssId = d.cssRegistrationId?.trim() ?? '';
  if (cssId === '') {
    reasons.push(broken('CssRegistrationIdMissing', `COS request for MPAN ${c.mpanCore} has no CSS registration id (B013)`));
  } else {
    const registration = state.suppliers.find((e) => e.value.cssRegistrationId === cssId);
    if (!registration) {
      reasons.push(broken('CssRegistrationIdNotSenders', `CSS registration id ${cssId} is not a registration of MPAN ${c.mpanCore}`));
    } else if (registration.value.supplierDipId !== sender) {
      reasons.push(
        broken(
          'CssRegistrationIdNotSenders',
          `CSS registration id ${cssId} registers ${labelOf(registration.value.supplierDipId, registration.value.supplierMpid)}, not the sender ${participantLabel(sender, ref)}`,
        ),
      );
    } else if (d.effectiveFromDate !== registration.effectiveFromDate) {
      reasons.push(
        broken(
          'CosEffectiveFromNotSupplyStart',
          `COS ${d.serviceType} effective-from date ${d.effectiveFromDate} is not ${registration.effectiveFromDate}, the supply start date of CSS registration ${cssId}`,
        ),
      );
    }
  }
  const supplier = valueOn(state.suppliers, d.effectiveFromDate);
  if (supplier?.supplierDipId !== sender) {
    const who = supplier ? `the supplier registered on ${d.effectiveFromDate} is ${labelOf(supplier.supplierDipId, supplier.supplierMpid)}` : `no supplier is registered on ${d.effectiveFromDate}`;
    reasons.push(
      broken(
        'EffectiveFromOutsideSupplyPeriod',
        `${d.serviceType} effective-from date ${d.effectiveFromDate} is not in a period of supply of ${participantLabel(sender, ref)}: ${who}`,
      ),
    );
  }
  return reasons;
}

/**
 * CSP / USP / SEG: the requester is the supplier registered on the effective-from date (REG1033);
 * then (only then, as the supply start is the requester's) no gap after the supply start (REG1032);
 * USP names the provider appointed on that date (REG1025), CSP a different one (REG1026), SEG a
 * different one (REG1095) on a date the market segment changes (LOC025).
 */
export function currentSupplierReasons(c: RequestServiceAppointment, state: CreatedMpanState, ref: ReferenceData): RejectionReason[] {
  const d = c.data;
  const t = d.serviceType;
  const sender = c.context.senderDipId;
  const reasons: RejectionReason[] = [];
  const supply = entryOn(state.suppliers, d.effectiveFromDate);
  if (supply?.value.supplierDipId !== sender) {
    const who = supply ? `that is ${labelOf(supply.value.supplierDipId, supply.value.supplierMpid)}` : 'no supplier is registered then';
    reasons.push(
      broken(
        'RequesterNotSupplierOnEffectiveDate',
        `${d.appointmentScenario} is only for the supplier registered on ${d.effectiveFromDate}, not ${participantLabel(sender, ref)}: ${who}`,
      ),
    );
  } else if (d.effectiveFromDate > supply.effectiveFromDate) {
    const dayBefore = addDays(d.effectiveFromDate, -1);
    if (!valueOn(state.appointments[t], dayBefore)) {
      reasons.push(
        broken(
          'AppointmentNotContiguous',
          `${t} effective-from date ${d.effectiveFromDate} leaves a gap: no ${t} is appointed on ${dayBefore} and the supply start date is ${supply.effectiveFromDate}`,
        ),
      );
    }
  }
  const current = valueOn(state.appointments[t], d.effectiveFromDate) ?? null;
  const currentText = current ? labelOf(current.providerDipId, current.providerMpid) : undefined;
  const proposed = labelOf(d.providerDipId, d.providerMpid);
  if (d.appointmentScenario === 'USP' && current?.providerDipId !== d.providerDipId) {
    const why = currentText ? `the ${t} appointed on ${d.effectiveFromDate} is ${currentText}` : `no ${t} is appointed on ${d.effectiveFromDate}`;
    reasons.push(broken('UspNotCurrentProvider', `USP must name the appointed ${t}, but proposes ${proposed}: ${why}`));
  }
  if (d.appointmentScenario === 'CSP' && current?.providerDipId === d.providerDipId) {
    reasons.push(broken('CspSameProvider', `CSP must propose a different ${t}, but ${proposed} is already the ${t} appointed on ${d.effectiveFromDate}`));
  }
  if (d.appointmentScenario === 'SEG') {
    if (current?.providerDipId === d.providerDipId) {
      reasons.push(
        broken('SegProposesCurrentProvider', `SEG must propose a new ${t}, but ${proposed} is already the ${t} appointed on ${d.effectiveFromDate}`),
      );
    }
    const dayBefore = addDays(d.effectiveFromDate, -1);
    const [before, on] = [valueOn(state.marketSegment, dayBefore), valueOn(state.marketSegment, d.effectiveFromDate)];
    if (before === undefined || before === on) {
      reasons.push(
        broken(
          'SegWithoutSegmentChange',
          `SEG ${t} effective-from date ${d.effectiveFromDate} is not a change of market segment: the segment is ${on ?? 'not recorded'} on that day and ${before ?? 'not recorded'} the day before`,
        ),
      );
    }
  }
  return reasons;
}

/**
 * REG1032 (no overlap), every scenario: no provider appointment of the service starts after the
 * effective-from date, and none of another provider starts on it (either would make the recorded
 * appointment and this one overlap or be overwritten). `null` entries (nobody from a change of
 * supplier) do not count: an appointment may fill them.
 */
export function overlapReasons(c: RequestServiceAppointment, state: CreatedMpanState): RejectionReason[] {
  const d = c.data;
  const t = d.serviceType;
  const clash = state.appointments[t].find(
    (e) =>
      e.value !== null &&
      (e.effectiveFromDate > d.effectiveFromDate ||
        (e.effectiveFromDate === d.effectiveFromDate && e.value.providerDipId !== d.providerDipId)),
  );
  if (!clash?.value) return [];
  const recorded = `${labelOf(clash.value.providerDipId, clash.value.providerMpid)} from ${clash.effectiveFromDate}`;
  const how = clash.effectiveFromDate === d.effectiveFromDate ? 'starts on the same day' : 'starts later';
  return [
    broken(
      'AppointmentOverlapsRecorded',
      `${t} effective-from date ${d.effectiveFromDate} overlaps the recorded ${t} appointment of ${recorded}, which ${how}`,
    ),
  ];
}

/**
 * The proposed provider (B070 / B071): a known participant whose MPID matches its DIP id
 * (REG1090 MS / REG1091 DS); holding some role of the service on the effective-from date
 * (REG1092 MS / REG1093 DS); and the role the market segment needs on that date (REG1031, or
 * REG1030 for a UMSO on an unmetered MPAN). `state` is `undefined` for an unknown MPAN: the
 * segment rule is skipped.
 */
export function providerReasons(c: RequestServiceAppointment, state: CreatedMpanState | undefined, ref: ReferenceData): RejectionReason[] {
  const d = c.data;
  const t = d.serviceType;
  const date = d.effectiveFromDate;
  const participant = ref.participant(d.providerDipId);
  const mpidRule = t === 'MS' ? 'ProposedMsMpidMismatch' : 'ProposedDsMpidMismatch';
  if (!participant) {
    return [broken(mpidRule, `proposed ${t} DIP id ${d.providerDipId} is not a known participant, so MPID ${d.providerMpid} cannot be its MPID`)];
  }
  const reasons: RejectionReason[] = [];
  const label = labelOf(d.providerDipId, participant.mpid);
  if (participant.mpid !== d.providerMpid) {
    reasons.push(broken(mpidRule, `proposed ${t} MPID ${d.providerMpid} does not match DIP id ${d.providerDipId}, whose MPID is ${participant.mpid}`));
  }
  const roles = SERVICE_ROLES[t];
  if (!roles.some((r) => ref.holdsRole(d.providerDipId, r, date))) {
    reasons.push(
      broken(
        t === 'MS' ? 'ProposedMsRoleMissing' : 'ProposedDsRoleMissing',
        `proposed ${t} ${label} holds no ${SERVICE_NAMES[t]} role (${roles.join(', ')}) on ${date}`,
      ),
    );
    return reasons;
  }
  if (!state) return reasons;
  const segment = valueOn(state.marketSegment, date);
  if (segment === undefined) {
    reasons.push(broken('ProviderIncompatibleWithSegment', `MPAN ${c.mpanCore} has no market segment on ${date}, so no ${t} role fits it`));
    return reasons;
  }
  const required = serviceRoleFor(t, segment);
  if (ref.holdsRole(d.providerDipId, required, date)) return reasons;
  if (required === 'UMSO') {
    const ldso = ref.distributor(state.distributorId)?.ldsoDipId;
    const of = ldso ? ` of LDSO ${participantLabel(ldso, ref)}` : '';
    reasons.push(broken('UmsoNotValidForLdso', `proposed MS ${label} does not hold role UMSO on ${date}, so is not a valid UMSO for the area${of}`));
  } else {
    reasons.push(
      broken(
        'ProviderIncompatibleWithSegment',
        `proposed ${t} ${label} does not hold role ${required} on ${date}, the ${SERVICE_NAMES[t]} role for market segment ${segment}`,
      ),
    );
  }
  return reasons;
}
