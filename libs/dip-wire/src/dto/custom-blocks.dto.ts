import {
  B001Dto,
  B002Dto,
  B003Dto,
  B007Dto,
  B012Dto,
  B013Dto,
  B018Dto,
  B022Dto,
  B023Dto,
  B024Dto,
  B025Dto,
  B026Dto,
  B070Dto,
  B071Dto,
  B079Dto,
} from './blocks.dto';
import { WireBlock, WireLabel } from './wire-rules';

/**
 * The `CustomBlock` of each inbound channel event (docs/adr/0003): the official custom block of
 * the mirrored interface and event, block for block. Required blocks are the official ones on
 * `REGS-LDSO`. The `REGS-CSS` input is thin (ADR 0003): exactly the switching blocks B013 and
 * B002, plus B003 for a change of supplier — not the registry-owned B004 and B022–B026 that the
 * official IF-001 also requires (REGS adds those when it publishes IF-001). The DIP interfaces
 * IF-031 and IF-034 are the official custom blocks themselves, required lists included.
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

/**
 * `REGS-CSS [InitialRegistration]`, thin IF-001 (ADR 0003): exactly B013 and B002, both required,
 * each valid against its official block schema.
 */
@WireLabel('the [InitialRegistration] CustomBlock (thin IF-001-InitialRegistration)')
export class InitialRegistrationCustomBlockDto {
  @WireBlock('required', () => B013Dto, 'block B013')
  B013!: B013Dto;

  @WireBlock('required', () => B002Dto, 'block B002')
  B002!: B002Dto;
}

/**
 * `REGS-CSS [ChangeOfSupplier]`, thin IF-001 (ADR 0003): exactly B013, B002 and B003 (the
 * outgoing supplier), all required, each valid against its official block schema.
 */
@WireLabel('the [ChangeOfSupplier] CustomBlock (thin IF-001-ChangeOfSupplier)')
export class ChangeOfSupplierCustomBlockDto {
  @WireBlock('required', () => B013Dto, 'block B013')
  B013!: B013Dto;

  @WireBlock('required', () => B002Dto, 'block B002')
  B002!: B002Dto;

  @WireBlock('required', () => B003Dto, 'block B003')
  B003!: B003Dto;
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
