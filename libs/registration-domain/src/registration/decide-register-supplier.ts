import { ReferenceData } from '../reference-data/reference-data';
import { addDays } from '../shared/local-date';
import { accept, Decision, reject, RejectionReason } from '../shared/rejection';
import { entryOn, lastEntry } from '../shared/timeline';
import { DecisionContext, RegisterSupplier } from './commands';
import { mpanUnknown, notBeforeMpan, participantLabel, senderReasons } from './decide-common';
import { RegistrationEvent } from './events';
import { disconnectedReasons } from '../network/disconnection';
import { broken } from './rules';
import { CreatedMpanState, MpanState } from './state';

/**
 * The switching service registers a supplier (`[InitialRegistration]` / `[ChangeOfSupplier]`).
 * Emits `SupplierRegistered` (with the outgoing supplier, effective the day before the start date,
 * for a change of supplier; `null` for an initial registration), or rejects with every broken rule:
 * sender rules (LOC001, LOC002, LOC004), MPAN unknown (REG0000), the MPAN disconnected on the
 * receipt day (REG1001, `ctx.today`: IF-009 ends registrations), initial registration only with no
 * supplier (LOC014), change of supplier only with one (LOC015), start not before the MPAN
 * (LOC012), incoming supplier holds SUP on the start date (LOC016) and its MPID is its DIP id's
 * (LOC017), a change of supplier changes the supplier (LOC018) and starts after the latest
 * registered start (LOC019), a B003 outgoing supplier, if sent, names the supplier of the day
 * before (LOC020) with that day as its end date (LOC021), and a B004 domestic premise indicator, if
 * sent, is effective from the supply start date (LOC035).
 *
 * The event records the B004 indicator (`domesticPremiseIndicator`, `null` when not sent); `evolve`
 * sets the MPAN's domestic premise indicator from the supply start date with it.
 */
export function decideRegisterSupplier(
  command: RegisterSupplier,
  state: MpanState,
  ctx: DecisionContext,
  ref: ReferenceData,
): Decision<RegistrationEvent> {
  const d = command.data;
  const reasons: RejectionReason[] = [...senderReasons(command, ref)];

  if (state.status === 'Absent') reasons.push(mpanUnknown(command.mpanCore));
  else {
    reasons.push(...disconnectedReasons(state, ctx.today, `[${d.registrationKind}]`));
    reasons.push(...registrationHistoryReasons(command, state, ref));
  }
  reasons.push(...incomingSupplierReasons(command, ref));
  reasons.push(...domesticPremiseReasons(command));
  if (reasons.length > 0 || state.status === 'Absent') return reject(reasons);

  const dayBefore = addDays(d.supplyStartDate, -1);
  const outgoing = d.registrationKind === 'ChangeOfSupplier' ? entryOn(state.suppliers, dayBefore)?.value : undefined;
  return accept<RegistrationEvent>([
    {
      type: 'SupplierRegistered',
      data: {
        mpanCore: command.mpanCore,
        registrationKind: d.registrationKind,
        cssRegistrationId: d.cssRegistrationId,
        supplierDipId: d.supplierDipId,
        supplierMpid: d.supplierMpid,
        supplyStartDate: d.supplyStartDate,
        outgoingSupplier: outgoing
          ? { supplierDipId: outgoing.supplierDipId, supplierMpid: outgoing.supplierMpid, supplyEndDate: dayBefore }
          : null,
        domesticPremiseIndicator: d.domesticPremiseIndicator?.value ?? null,
      },
    },
  ]);
}

/** Rules that compare the registration with the MPAN's supplier history. */
function registrationHistoryReasons(
  command: RegisterSupplier,
  state: CreatedMpanState,
  ref: ReferenceData,
): RejectionReason[] {
  const d = command.data;
  const reasons: RejectionReason[] = [];
  const latest = lastEntry(state.suppliers);
  const dayBefore = addDays(d.supplyStartDate, -1);
  const previous = entryOn(state.suppliers, dayBefore)?.value;

  if (d.registrationKind === 'InitialRegistration' && latest) {
    reasons.push(
      broken(
        'InitialRegistrationWithSupplier',
        `InitialRegistration is only for an MPAN with no supplier, but ${participantLabel(latest.value.supplierDipId, ref)} is registered from ${latest.effectiveFromDate}`,
      ),
    );
  }
  if (d.registrationKind === 'ChangeOfSupplier' && !latest) {
    reasons.push(
      broken('ChangeOfSupplierWithoutSupplier', `ChangeOfSupplier needs a registered supplier, but MPAN ${command.mpanCore} has none`),
    );
  }
  reasons.push(...notBeforeMpan('supply start date', d.supplyStartDate, state.effectiveFromDate));

  if (d.registrationKind === 'ChangeOfSupplier' && latest) {
    if (previous && previous.supplierDipId === d.supplierDipId) {
      reasons.push(
        broken(
          'IncomingSupplierIsCurrent',
          `incoming supplier ${participantLabel(d.supplierDipId, ref)} is already the supplier on ${dayBefore}, the day before the supply start date ${d.supplyStartDate}`,
        ),
      );
    }
    if (d.supplyStartDate <= latest.effectiveFromDate) {
      reasons.push(
        broken(
          'SupplyStartNotAfterLatestStart',
          `supply start date ${d.supplyStartDate} is not after the latest registered supply start date ${latest.effectiveFromDate}`,
        ),
      );
    }
  }

  if (d.outgoing) {
    const named = `${d.outgoing.supplierDipId} (${d.outgoing.supplierMpid})`;
    if (!previous) {
      reasons.push(
        broken(
          'OutgoingSupplierMismatch',
          `outgoing supplier ${named} is not the supplier on ${dayBefore}, the day before the supply start date ${d.supplyStartDate}: no supplier is registered on that day`,
        ),
      );
    } else if (previous.supplierDipId !== d.outgoing.supplierDipId || previous.supplierMpid !== d.outgoing.supplierMpid) {
      reasons.push(
        broken(
          'OutgoingSupplierMismatch',
          `outgoing supplier ${named} is not the supplier on ${dayBefore}, the day before the supply start date ${d.supplyStartDate}: that is ${previous.supplierDipId} (${previous.supplierMpid})`,
        ),
      );
    }
    if (d.outgoing.supplyEndDate !== dayBefore) {
      reasons.push(
        broken(
          'OutgoingSupplyEndDateMismatch',
          `outgoing supply end date ${d.outgoing.supplyEndDate} is not ${dayBefore}, the day before the supply start date ${d.supplyStartDate}`,
        ),
      );
    }
  }
  return reasons;
}

/** The incoming supplier (B002) holds SUP on the start date and its MPID belongs to its DIP id. */
function incomingSupplierReasons(command: RegisterSupplier, ref: ReferenceData): RejectionReason[] {
  const d = command.data;
  const participant = ref.participant(d.supplierDipId);
  if (!participant) {
    return [
      broken(
        'SupplierDoesNotHoldSup',
        `supplier ${d.supplierDipId} is not a known participant, so does not hold role SUP on ${d.supplyStartDate}`,
      ),
    ];
  }
  const reasons: RejectionReason[] = [];
  if (!ref.holdsRole(d.supplierDipId, 'SUP', d.supplyStartDate)) {
    reasons.push(
      broken('SupplierDoesNotHoldSup', `supplier ${d.supplierDipId} (${participant.mpid}) does not hold role SUP on ${d.supplyStartDate}`),
    );
  }
  if (participant.mpid !== d.supplierMpid) {
    reasons.push(
      broken(
        'SupplierMpidDipIdMismatch',
        `supplier MPID ${d.supplierMpid} does not match DIP id ${d.supplierDipId}, whose MPID is ${participant.mpid}`,
      ),
    );
  }
  return reasons;
}

/**
 * B004 states the domestic premise indicator of the registration, so it is effective from the
 * supply start date (LOC035; the official IF-001 examples date B004 with B002's date). A B004 from
 * another date would rewrite the indicator outside the registration: that is the LDSO's
 * `[DomPremInd]`.
 */
function domesticPremiseReasons(command: RegisterSupplier): RejectionReason[] {
  const d = command.data;
  const b004 = d.domesticPremiseIndicator;
  if (!b004 || b004.effectiveFromDate === d.supplyStartDate) return [];
  return [
    broken(
      'DomesticPremiseIndicatorDateMismatch',
      `domestic premise indicator effective-from date ${b004.effectiveFromDate} is not the supply start date ${d.supplyStartDate}`,
    ),
  ];
}
