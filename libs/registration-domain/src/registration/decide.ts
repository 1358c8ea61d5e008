import { decideRequestServiceAppointment } from '../appointment/decide-request-service-appointment';
import { decideRespondToServiceAppointment } from '../appointment/decide-respond-to-service-appointment';
import { decideRunDayStart } from '../appointment/decide-run-day-start';
import { ReferenceData } from '../reference-data/reference-data';
import { Decision, reject } from '../shared/rejection';
import { DecisionContext } from './commands';
import { assertNever } from './decide-common';
import { decideCreateMpan } from './decide-create-mpan';
import {
  decideChangeDuosTariffId,
  decideChangeEnergyDirection,
  decideChangeGspGroup,
  decideChangeMpanAddress,
} from './decide-ldso-changes';
import { decideRegisterSupplier } from './decide-register-supplier';
import { MpanCommand, MpanEvent } from './mpan-messages';
import { MpanState } from './state';

/**
 * The MPAN decider: given a command of the registration or the appointment process, the MPAN's
 * folded state, the time (as data) and the reference data, returns the events to append or *every*
 * broken rule (REG codes from the MHHS catalogue, local `LOCnnn` codes otherwise; docs/rules.md).
 * Pure: no clock, no IO, never throws for a well-typed command.
 */
export function decide(
  command: MpanCommand,
  state: MpanState,
  ctx: DecisionContext,
  ref: ReferenceData,
): Decision<MpanEvent> {
  switch (command.type) {
    case 'CreateMpan':
      return decideCreateMpan(command, state, ctx, ref);
    case 'RegisterSupplier':
      return decideRegisterSupplier(command, state, ctx, ref);
    case 'ChangeMpanAddress':
      return decideChangeMpanAddress(command, state, ctx, ref);
    case 'ChangeGspGroup':
      return decideChangeGspGroup(command, state, ctx, ref);
    case 'ChangeDuosTariffId':
      return decideChangeDuosTariffId(command, state, ctx, ref);
    case 'ChangeEnergyDirection':
      return decideChangeEnergyDirection(command, state, ctx, ref);
    case 'RequestServiceAppointment':
      return decideRequestServiceAppointment(command, state, ctx, ref);
    case 'RespondToServiceAppointment':
      return decideRespondToServiceAppointment(command, state, ctx, ref);
    case 'RunDayStart':
      return decideRunDayStart(command, state, ctx, ref);
    // Issue 4 deciders land next; until then these commands are refused.
    case 'RecordMeterTechnicalDetails':
    case 'ChangeEnergisationStatus':
    case 'ReportEnergisationFailure':
    case 'ChangeMarketSegment':
    case 'ChangeConnectionType':
    case 'ChangeDomesticPremiseIndicator':
    case 'DisconnectMpan':
    case 'ReconnectMpan':
    case 'ChangeSscAndProfileClass':
    case 'ChangeConsentGranularity':
    case 'ChangeIhdInfo':
    case 'ChangeSmso':
      return reject([{ code: 'LOC999', rule: 'NotYetDecided', message: `${command.type} is not decided yet` }]);
    default:
      return assertNever(command);
  }
}
