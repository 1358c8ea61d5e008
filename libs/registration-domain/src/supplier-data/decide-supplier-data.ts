import { appointmentSenderReasons, labelOf } from '../appointment/appointment-common';
import { disconnectedReasons } from '../network/disconnection';
import { DecisionContext } from '../registration/commands';
import { mpanUnknown, notBeforeMpan, participantLabel } from '../registration/decide-common';
import { broken } from '../registration/rules';
import { CreatedMpanState, MpanState } from '../registration/state';
import { ReferenceData } from '../reference-data/reference-data';
import { addDays, LocalDate } from '../shared/local-date';
import { accept, Decision, reject, RejectionReason } from '../shared/rejection';
import { lastEntry, Timeline, valueOn } from '../shared/timeline';
import { ChangeConsentGranularity, ChangeIhdInfo, ChangeSmso, ChangeSscAndProfileClass, SupplierDataCommand } from './commands';
import { SupplierDataEvent } from './events';

/** How far back a supplier data change may be dated (REG1024). */
export const MAX_RETROSPECTIVE_DAYS = 5;

const EVENT_CODES: Readonly<Record<SupplierDataCommand['type'], string>> = {
  ChangeSscAndProfileClass: '[SSCandProfileClass]',
  ChangeConsentGranularity: '[ConsentGranularity]',
  ChangeIhdInfo: '[IHDInfo]',
  ChangeSmso: '[SMSO]',
};

/**
 * Rules every IF-025 message shares, in this order: sender (LOC001 role id not SUP, LOC002 not
 * holding SUP on the first effective-from date, LOC004, REG0000), MPAN unknown (REG0000), the MPAN
 * disconnected on the receipt day (REG1001); then for each effective-from date: the sender is the
 * supplier registered on it (REG1021), it is at most 5 days before the receipt day (REG1024), not
 * before the MPAN (LOC012). Equal messages are reported once; `own` adds the event's own rules.
 */
function decideSupplierData(
  command: SupplierDataCommand,
  state: MpanState,
  dates: LocalDate[],
  ref: ReferenceData,
  own: (s: CreatedMpanState) => RejectionReason[],
  stateless: RejectionReason[],
  event: SupplierDataEvent,
): Decision<SupplierDataEvent> {
  const d = command.data;
  const what = EVENT_CODES[command.type];
  const sender = command.context.senderDipId;
  const reasons: RejectionReason[] = appointmentSenderReasons(command, ['SUP'], 'SUP', dates[0] ?? d.receivedOn, ref);
  if (state.status === 'Absent') reasons.push(mpanUnknown(command.mpanCore));
  else {
    reasons.push(...disconnectedReasons(state, d.receivedOn, what));
    const earliest = addDays(d.receivedOn, -MAX_RETROSPECTIVE_DAYS);
    for (const date of dates) {
      const supplier = valueOn(state.suppliers, date);
      if (supplier?.supplierDipId !== sender) {
        const who = supplier ? `that is ${labelOf(supplier.supplierDipId, supplier.supplierMpid)}` : 'no supplier is registered then';
        reasons.push(broken('RequesterNotCurrentSupplier', `${what} is only for the supplier registered on ${date}, not ${participantLabel(sender, ref)}: ${who}`));
      }
      if (date < earliest) {
        reasons.push(
          broken(
            'SupplierDataTooRetrospective',
            `${what} effective-from date ${date} is more than ${MAX_RETROSPECTIVE_DAYS} days before ${d.receivedOn}, the day it was received (earliest ${earliest})`,
          ),
        );
      }
      reasons.push(...notBeforeMpan(`${what} effective-from date`, date, state.effectiveFromDate));
    }
    reasons.push(...own(state));
  }
  reasons.push(...stateless);
  const unique = reasons.filter((r, i) => reasons.findIndex((x) => x.code === r.code && x.message === r.message) === i);
  return unique.length > 0 ? reject(unique) : accept([event]);
}

/**
 * `[SSCandProfileClass]` (B032). Each item with an effective-from date changes from it; besides the
 * shared rules: at least one date (LOC022), a value needs a date (REG1088), each date later than
 * the latest on record for its item (REG1040 SSC, REG1041 profile class), a null only where the
 * item is not already null (REG0009).
 */
export function decideChangeSscAndProfileClass(
  command: ChangeSscAndProfileClass,
  state: MpanState,
  _ctx: DecisionContext,
  ref: ReferenceData,
): Decision<SupplierDataEvent> {
  const d = command.data;
  const dates = [d.profileClassEffectiveFromDate, d.sscEffectiveFromDate].filter((x): x is LocalDate => x !== null);
  const stateless: RejectionReason[] = [];
  if (dates.length === 0 && d.profileClass === null && d.ssc === null) {
    stateless.push(broken('NoChange', '[SSCandProfileClass] changes nothing: no profile class, no SSC and no effective-from dates'));
  }
  const items = [
    { name: 'profile class', value: d.profileClass, date: d.profileClassEffectiveFromDate, timeline: (s: CreatedMpanState) => s.profileClass, rule: 'ProfileClassEffectiveFromNotLater' as const },
    { name: 'SSC', value: d.ssc, date: d.sscEffectiveFromDate, timeline: (s: CreatedMpanState) => s.ssc, rule: 'SscEffectiveFromNotLater' as const },
  ];
  for (const item of items) {
    if (item.value !== null && item.date === null) {
      stateless.push(broken('EffectiveFromDateMissing', `${item.name} ${item.value} has no effective-from date`));
    }
  }
  return decideSupplierData(
    command,
    state,
    dates,
    ref,
    (s) =>
      items.flatMap((item) => {
        if (item.date === null) return [];
        const reasons: RejectionReason[] = [];
        const latest = lastEntry(item.timeline(s));
        if (latest && item.date <= latest.effectiveFromDate) {
          reasons.push(
            broken(item.rule, `${item.name} effective-from date ${item.date} is not later than ${latest.effectiveFromDate}, the latest on record`),
          );
        }
        reasons.push(...alreadyNull(item.name, item.value, item.timeline(s), item.date));
        return reasons;
      }),
    stateless,
    {
      type: 'SscAndProfileClassChanged',
      data: {
        mpanCore: command.mpanCore,
        profileClass: d.profileClass,
        profileClassEffectiveFromDate: d.profileClassEffectiveFromDate,
        ssc: d.ssc,
        sscEffectiveFromDate: d.sscEffectiveFromDate,
        supplierDipId: command.context.senderDipId,
      },
    },
  );
}

/** `[ConsentGranularity]` (B068); besides the shared rules: not the value already effective (LOC022). */
export function decideChangeConsentGranularity(
  command: ChangeConsentGranularity,
  state: MpanState,
  _ctx: DecisionContext,
  ref: ReferenceData,
): Decision<SupplierDataEvent> {
  const d = command.data;
  return decideSupplierData(
    command,
    state,
    [d.effectiveFromDate],
    ref,
    (s) => unchanged('consent granularity', d.consentGranularity, s.consentGranularity, d.effectiveFromDate),
    [],
    {
      type: 'ConsentGranularityChanged',
      data: { mpanCore: command.mpanCore, consentGranularity: d.consentGranularity, effectiveFromDate: d.effectiveFromDate, supplierDipId: command.context.senderDipId },
    },
  );
}

/** `[IHDInfo]` (B030); besides the shared rules: null only if not already null (REG0009), not unchanged (LOC022). */
export function decideChangeIhdInfo(
  command: ChangeIhdInfo,
  state: MpanState,
  _ctx: DecisionContext,
  ref: ReferenceData,
): Decision<SupplierDataEvent> {
  const d = command.data;
  return decideSupplierData(
    command,
    state,
    [d.effectiveFromDate],
    ref,
    (s) => [
      ...alreadyNull('IHD install status', d.ihdInstallStatus, s.ihd, d.effectiveFromDate),
      ...(d.ihdInstallStatus === null ? [] : unchanged('IHD install status', d.ihdInstallStatus, s.ihd, d.effectiveFromDate)),
    ],
    [],
    {
      type: 'IhdInfoChanged',
      data: { mpanCore: command.mpanCore, ihdInstallStatus: d.ihdInstallStatus, effectiveFromDate: d.effectiveFromDate, supplierDipId: command.context.senderDipId },
    },
  );
}

/** `[SMSO]` (B031); besides the shared rules: null only if not already null (REG0009), not unchanged (LOC022). */
export function decideChangeSmso(command: ChangeSmso, state: MpanState, _ctx: DecisionContext, ref: ReferenceData): Decision<SupplierDataEvent> {
  const d = command.data;
  return decideSupplierData(
    command,
    state,
    [d.effectiveFromDate],
    ref,
    (s) => [
      ...alreadyNull('SMSO', d.smsoId, s.smso, d.effectiveFromDate),
      ...(d.smsoId === null ? [] : unchanged('SMSO', d.smsoId, s.smso, d.effectiveFromDate)),
    ],
    [],
    {
      type: 'SmsoChanged',
      data: { mpanCore: command.mpanCore, smsoId: d.smsoId, effectiveFromDate: d.effectiveFromDate, supplierDipId: command.context.senderDipId },
    },
  );
}

/** REG0009: setting `name` to null on `date` when it is already null (or was never set). */
function alreadyNull<T>(name: string, value: T | null, timeline: Timeline<T | null>, date: string): RejectionReason[] {
  if (value !== null) return [];
  return (valueOn(timeline, date) ?? null) === null ? [broken('NullAlreadyNull', `${name} is already null on ${date}`)] : [];
}

/** LOC022: `value` is already effective on `date`. */
function unchanged<T>(name: string, value: T, timeline: Timeline<T | null>, date: string): RejectionReason[] {
  return valueOn(timeline, date) === value ? [broken('NoChange', `${name} is already ${String(value)} on ${date}`)] : [];
}
