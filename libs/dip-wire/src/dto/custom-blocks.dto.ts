import {
  B001Dto,
  B002Dto,
  B003Dto,
  B004Dto,
  B007Dto,
  B012Dto,
  B013Dto,
  B018Dto,
  B022Dto,
  B023Dto,
  B024Dto,
  B025Dto,
  B026Dto,
  B028Dto,
  B030Dto,
  B031Dto,
  B032Dto,
  B039Dto,
  B040Dto,
  B041Dto,
  B068Dto,
  B070Dto,
  B071Dto,
  B079Dto,
  B098Dto,
  B906aDto,
  B906Dto,
} from './blocks.dto';
import { WireBlock, WireLabel } from './wire-rules';

/**
 * The `CustomBlock` of each inbound channel event (docs/adr/0003): the official custom block of
 * the mirrored interface and event, block for block. Required blocks are the official ones on
 * `REGS-LDSO`. The `REGS-CSS` input is thin (ADR 0003): the switching blocks B013 and B002, plus
 * B003 for a change of supplier, and optionally B004 (the domestic premise indicator the supplier
 * stated in its switch request) — not the registry-owned B022–B026 that the official IF-001 also
 * requires (REGS adds those when it publishes IF-001). The DIP interfaces
 * IF-005, IF-007, IF-025, IF-031 and IF-034 are the official custom blocks themselves, required
 * lists included. Blocks are declared in the official order (the order of the schema's
 * `properties`).
 */

/** `REGS-LDSO [MPANCreation]`, shaped as `IF-050-MPANCreation`: all seven blocks required. */
@WireLabel('the [MPANCreation] CustomBlock (IF-050-MPANCreation)')
export class MpanCreationCustomBlockDto {
  @WireBlock('required', () => B001Dto, 'block B001')
  B001!: B001Dto;

  @WireBlock('required', () => B022Dto, 'block B022')
  B022!: B022Dto;

  @WireBlock('required', () => B023Dto, 'block B023')
  B023!: B023Dto;

  @WireBlock('required', () => B024Dto, 'block B024')
  B024!: B024Dto;

  @WireBlock('required', () => B025Dto, 'block B025')
  B025!: B025Dto;

  @WireBlock('required', () => B026Dto, 'block B026')
  B026!: B026Dto;

  @WireBlock('required', () => B079Dto, 'block B079')
  B079!: B079Dto;
}

/** `REGS-LDSO [AddressChg]`, shaped as `IF-018-AddressChg`: B001 and B022 required, B013 optional. */
@WireLabel('the [AddressChg] CustomBlock (IF-018-AddressChg)')
export class AddressChgCustomBlockDto {
  @WireBlock('optional', () => B013Dto, 'block B013')
  B013?: B013Dto;

  @WireBlock('required', () => B001Dto, 'block B001')
  B001!: B001Dto;

  @WireBlock('required', () => B022Dto, 'block B022')
  B022!: B022Dto;
}

/** `REGS-LDSO [GSPChg]`, shaped as `IF-018-GSPChg`: B001 and B022 required, B013 optional. */
@WireLabel('the [GSPChg] CustomBlock (IF-018-GSPChg)')
export class GspChgCustomBlockDto {
  @WireBlock('optional', () => B013Dto, 'block B013')
  B013?: B013Dto;

  @WireBlock('required', () => B001Dto, 'block B001')
  B001!: B001Dto;

  @WireBlock('required', () => B022Dto, 'block B022')
  B022!: B022Dto;
}

/** `REGS-LDSO [DUOSTariffIDChg]`, shaped as `IF-018-DUOSTariffIDChg`: B024 required, B013 optional. */
@WireLabel('the [DUOSTariffIDChg] CustomBlock (IF-018-DUOSTariffIDChg)')
export class DuosTariffIdChgCustomBlockDto {
  @WireBlock('optional', () => B013Dto, 'block B013')
  B013?: B013Dto;

  @WireBlock('required', () => B024Dto, 'block B024')
  B024!: B024Dto;
}

/** `REGS-LDSO [EnergyDirection]`, shaped as `IF-018-EnergyDirection`: B023 required, B013 optional. */
@WireLabel('the [EnergyDirection] CustomBlock (IF-018-EnergyDirection)')
export class EnergyDirectionCustomBlockDto {
  @WireBlock('optional', () => B013Dto, 'block B013')
  B013?: B013Dto;

  @WireBlock('required', () => B023Dto, 'block B023')
  B023!: B023Dto;
}

/** `REGS-LDSO [MarketSegmentChange]`, shaped as `IF-044-Payload`: B026 (the new segment) and B023, both required. */
@WireLabel('the [MarketSegmentChange] CustomBlock (IF-044-Payload)')
export class MarketSegmentChangeCustomBlockDto {
  @WireBlock('required', () => B026Dto, 'block B026')
  B026!: B026Dto;

  @WireBlock('required', () => B023Dto, 'block B023')
  B023!: B023Dto;
}

/** `REGS-LDSO [ConnectionTypeChange]`, shaped as `IF-043-Payload`: B023 required. */
@WireLabel('the [ConnectionTypeChange] CustomBlock (IF-043-Payload)')
export class ConnectionTypeChangeCustomBlockDto {
  @WireBlock('required', () => B023Dto, 'block B023')
  B023!: B023Dto;
}

/** `REGS-LDSO [DomPremInd]`, shaped as `IF-018-DomPremInd`: B028 required, B013 optional. */
@WireLabel('the [DomPremInd] CustomBlock (IF-018-DomPremInd)')
export class DomPremIndCustomBlockDto {
  @WireBlock('optional', () => B013Dto, 'block B013')
  B013?: B013Dto;

  @WireBlock('required', () => B028Dto, 'block B028')
  B028!: B028Dto;
}

/** `REGS-LDSO [MPANDisconnection]`, shaped as `IF-009-MPANDisconnection`: B041 required. */
@WireLabel('the [MPANDisconnection] CustomBlock (IF-009-MPANDisconnection)')
export class MpanDisconnectionCustomBlockDto {
  @WireBlock('required', () => B041Dto, 'block B041')
  B041!: B041Dto;
}

/** `REGS-LDSO [MPANReconnection]`, shaped as `IF-009-MPANReconnection`: B098 required. */
@WireLabel('the [MPANReconnection] CustomBlock (IF-009-MPANReconnection)')
export class MpanReconnectionCustomBlockDto {
  @WireBlock('required', () => B098Dto, 'block B098')
  B098!: B098Dto;
}

/**
 * `REGS-CSS [InitialRegistration]`, thin IF-001 (ADR 0003): B013 and B002 required, B004 (the
 * domestic premise indicator, effective from the supply start) optional, each valid against its
 * official block schema. Nothing else.
 */
@WireLabel('the [InitialRegistration] CustomBlock (thin IF-001-InitialRegistration)')
export class InitialRegistrationCustomBlockDto {
  @WireBlock('required', () => B013Dto, 'block B013')
  B013!: B013Dto;

  @WireBlock('required', () => B002Dto, 'block B002')
  B002!: B002Dto;

  @WireBlock('optional', () => B004Dto, 'block B004')
  B004?: B004Dto;
}

/**
 * `REGS-CSS [ChangeOfSupplier]`, thin IF-001 (ADR 0003): B013, B002 and B003 (the outgoing
 * supplier) required, B004 (the domestic premise indicator, effective from the supply start)
 * optional, each valid against its official block schema. Nothing else.
 */
@WireLabel('the [ChangeOfSupplier] CustomBlock (thin IF-001-ChangeOfSupplier)')
export class ChangeOfSupplierCustomBlockDto {
  @WireBlock('required', () => B013Dto, 'block B013')
  B013!: B013Dto;

  @WireBlock('required', () => B002Dto, 'block B002')
  B002!: B002Dto;

  @WireBlock('required', () => B003Dto, 'block B003')
  B003!: B003Dto;

  @WireBlock('optional', () => B004Dto, 'block B004')
  B004?: B004Dto;
}

/** `IF-031 [MSApp]` (official `IF-031-MSApp`): B070 required, B013 optional. */
@WireLabel('the [MSApp] CustomBlock (IF-031-MSApp)')
export class MsAppCustomBlockDto {
  @WireBlock('optional', () => B013Dto, 'block B013')
  B013?: B013Dto;

  @WireBlock('required', () => B070Dto, 'block B070')
  B070!: B070Dto;
}

/** `IF-031 [DSApp]` (official `IF-031-DSApp`): B071 required, B013 optional. */
@WireLabel('the [DSApp] CustomBlock (IF-031-DSApp)')
export class DsAppCustomBlockDto {
  @WireBlock('optional', () => B013Dto, 'block B013')
  B013?: B013Dto;

  @WireBlock('required', () => B071Dto, 'block B071')
  B071!: B071Dto;
}

/** `IF-034 [MSAppSPResponse]` (official `IF-034-MSAppSPResponse`): B007, B012, B070 required, B013 optional. */
@WireLabel('the [MSAppSPResponse] CustomBlock (IF-034-MSAppSPResponse)')
export class MsAppSpResponseCustomBlockDto {
  @WireBlock('required', () => B007Dto, 'block B007')
  B007!: B007Dto;

  @WireBlock('required', () => B012Dto, 'block B012')
  B012!: B012Dto;

  @WireBlock('optional', () => B013Dto, 'block B013')
  B013?: B013Dto;

  @WireBlock('required', () => B070Dto, 'block B070')
  B070!: B070Dto;
}

/**
 * `IF-034 [DSAppSPResponse]` (official `IF-034-DSAppSPResponse`): B007, B012, B071 required;
 * B013, B070 and B018 (the SDS's nominated MDR) optional.
 */
@WireLabel('the [DSAppSPResponse] CustomBlock (IF-034-DSAppSPResponse)')
export class DsAppSpResponseCustomBlockDto {
  @WireBlock('required', () => B007Dto, 'block B007')
  B007!: B007Dto;

  @WireBlock('required', () => B012Dto, 'block B012')
  B012!: B012Dto;

  @WireBlock('optional', () => B013Dto, 'block B013')
  B013?: B013Dto;

  @WireBlock('optional', () => B070Dto, 'block B070')
  B070?: B070Dto;

  @WireBlock('required', () => B071Dto, 'block B071')
  B071!: B071Dto;

  @WireBlock('optional', () => B018Dto, 'block B018')
  B018?: B018Dto;
}

/** `IF-005 [MeterInstall]` (official `IF-005-MeterInstall`): B906 (meter and MAP history) required, B030 optional. */
@WireLabel('the [MeterInstall] CustomBlock (IF-005-MeterInstall)')
export class MeterInstallCustomBlockDto {
  @WireBlock('required', () => B906Dto, 'block B906')
  B906!: B906Dto;

  @WireBlock('optional', () => B030Dto, 'block B030')
  B030?: B030Dto;
}

/** `IF-005 [MeterRemoval]` (official `IF-005-MeterRemoval`): B039 required. */
@WireLabel('the [MeterRemoval] CustomBlock (IF-005-MeterRemoval)')
export class MeterRemovalCustomBlockDto {
  @WireBlock('required', () => B039Dto, 'block B039')
  B039!: B039Dto;
}

/** `IF-005 [MeterExchange]` (official `IF-005-MeterExchange`): B906 (the new meter) and B039 (the removed one) required, B030 optional. */
@WireLabel('the [MeterExchange] CustomBlock (IF-005-MeterExchange)')
export class MeterExchangeCustomBlockDto {
  @WireBlock('required', () => B906Dto, 'block B906')
  B906!: B906Dto;

  @WireBlock('required', () => B039Dto, 'block B039')
  B039!: B039Dto;

  @WireBlock('optional', () => B030Dto, 'block B030')
  B030?: B030Dto;
}

/** `IF-005 [MeterUpdate]` (official `IF-005-MeterUpdate`): B906 (official B906a, MAP history optional) required; B039 and B030 optional. */
@WireLabel('the [MeterUpdate] CustomBlock (IF-005-MeterUpdate)')
export class MeterUpdateCustomBlockDto {
  @WireBlock('required', () => B906aDto, 'block B906')
  B906!: B906aDto;

  @WireBlock('optional', () => B039Dto, 'block B039')
  B039?: B039Dto;

  @WireBlock('optional', () => B030Dto, 'block B030')
  B030?: B030Dto;
}

/** `IF-005 [MeterHistoryUpdate]` (official `IF-005-MeterHistoryUpdate`): B906 (official B906a) required, B039 optional. */
@WireLabel('the [MeterHistoryUpdate] CustomBlock (IF-005-MeterHistoryUpdate)')
export class MeterHistoryUpdateCustomBlockDto {
  @WireBlock('required', () => B906aDto, 'block B906')
  B906!: B906aDto;

  @WireBlock('optional', () => B039Dto, 'block B039')
  B039?: B039Dto;
}

/** `IF-007 [EnergisationStatusChange]` (official `IF-007-EnergisationStatusChange`): B025 required. */
@WireLabel('the [EnergisationStatusChange] CustomBlock (IF-007-EnergisationStatusChange)')
export class EnergisationStatusChangeCustomBlockDto {
  @WireBlock('required', () => B025Dto, 'block B025')
  B025!: B025Dto;
}

/** `IF-007 [EnergisationStatusFailure]` (official `IF-007-EnergisationStatusFailure`): B040 required. */
@WireLabel('the [EnergisationStatusFailure] CustomBlock (IF-007-EnergisationStatusFailure)')
export class EnergisationStatusFailureCustomBlockDto {
  @WireBlock('required', () => B040Dto, 'block B040')
  B040!: B040Dto;
}

/** `IF-025 [SSCandProfileClass]` (official `IF-025-SSCandProfileClass`): B032 required, B013 optional. */
@WireLabel('the [SSCandProfileClass] CustomBlock (IF-025-SSCandProfileClass)')
export class SscAndProfileClassCustomBlockDto {
  @WireBlock('optional', () => B013Dto, 'block B013')
  B013?: B013Dto;

  @WireBlock('required', () => B032Dto, 'block B032')
  B032!: B032Dto;
}

/** `IF-025 [ConsentGranularity]` (official `IF-025-ConsentGranularity`): B068 required, B013 optional. */
@WireLabel('the [ConsentGranularity] CustomBlock (IF-025-ConsentGranularity)')
export class ConsentGranularityCustomBlockDto {
  @WireBlock('optional', () => B013Dto, 'block B013')
  B013?: B013Dto;

  @WireBlock('required', () => B068Dto, 'block B068')
  B068!: B068Dto;
}

/** `IF-025 [IHDInfo]` (official `IF-025-IHDInfo`): B030 required, B013 optional. */
@WireLabel('the [IHDInfo] CustomBlock (IF-025-IHDInfo)')
export class IhdInfoCustomBlockDto {
  @WireBlock('optional', () => B013Dto, 'block B013')
  B013?: B013Dto;

  @WireBlock('required', () => B030Dto, 'block B030')
  B030!: B030Dto;
}

/** `IF-025 [SMSO]` (official `IF-025-SMSO`): B031 required, B013 optional. */
@WireLabel('the [SMSO] CustomBlock (IF-025-SMSO)')
export class SmsoCustomBlockDto {
  @WireBlock('optional', () => B013Dto, 'block B013')
  B013?: B013Dto;

  @WireBlock('required', () => B031Dto, 'block B031')
  B031!: B031Dto;
}
