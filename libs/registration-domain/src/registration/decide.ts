import { decideRequestServiceAppointment } from '../appointment/decide-request-service-appointment';
import { decideRespondToServiceAppointment } from '../appointment/decide-respond-to-service-appointment';
import { decideRunDayStart } from '../appointment/decide-run-day-start';
import { decideChangeEnergisationStatus, decideReportEnergisationFailure } from '../energisation/decide-energisation';
import { decideRecordMeterTechnicalDetails } from '../metering/decide-record-meter-technical-details';
import {
  decideChangeConnectionType,
  decideChangeDomesticPremiseIndicator,
  decideChangeMarketSegment,
  decideDisconnectMpan,
  decideReconnectMpan,
} from '../network/decide-network-changes';
import { ReferenceData } from '../reference-data/reference-data';
import {
  decideChangeConsentGranularity,
  decideChangeIhdInfo,
  decideChangeSmso,
  decideChangeSscAndProfileClass,
} from '../supplier-data/decide-supplier-data';
import { Decision } from '../shared/rejection';
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
 * The MPAN decider: given a command of the registration, appointment, metering, energisation,
 * network or supplier data process, the MPAN's
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
    case 'RecordMeterTechnicalDetails':
      return decideRecordMeterTechnicalDetails(command, state, ctx, ref);
    case 'ChangeEnergisationStatus':
      return decideChangeEnergisationStatus(command, state, ctx, ref);
    case 'ReportEnergisationFailure':
      return decideReportEnergisationFailure(command, state, ctx, ref);
    case 'ChangeMarketSegment':
      return decideChangeMarketSegment(command, state, ctx, ref);
    case 'ChangeConnectionType':
      return decideChangeConnectionType(command, state, ctx, ref);
    case 'ChangeDomesticPremiseIndicator':
      return decideChangeDomesticPremiseIndicator(command, state, ctx, ref);
    case 'DisconnectMpan':
      return decideDisconnectMpan(command, state, ctx, ref);
    case 'ReconnectMpan':
      return decideReconnectMpan(command, state, ctx, ref);
    case 'ChangeSscAndProfileClass':
      return decideChangeSscAndProfileClass(command, state, ctx, ref);
    case 'ChangeConsentGranularity':
      return decideChangeConsentGranularity(command, state, ctx, ref);
    case 'ChangeIhdInfo':
      return decideChangeIhdInfo(command, state, ctx, ref);
    case 'ChangeSmso':
      return decideChangeSmso(command, state, ctx, ref);
    default:
      return assertNever(command);
  }
}
