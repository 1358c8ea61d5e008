import {
  DipMessageJson,
  dsAppMessage,
  dsAppSpResponseMessage,
  msAppMessage,
  msAppSpResponseMessage,
  SAMPLE,
  senderUniqueReference,
  withValue,
  without,
} from '@app/dip-wire/testing/fixtures';
import { ukMidnightOf } from '@app/registration-app';

/**
 * Builders of appointment traffic (IF-031 requests, IF-034 answers) for the e2e and integration
 * tests, on top of the dip-wire fixtures. Participants are named by MPID (`BRWE`, `MSSA`, …) and
 * resolved to the DIP ids of the sample reference data; dates are settlement days `YYYY-MM-DD`,
 * sent on the wire as 00:00 UK local time unless `fromWire` overrides the raw value.
 * Pure: no HTTP, no jest.
 */

/** Every participant of the fixtures by MPID. */
export const DIP_ID: Record<string, string> = { ...SAMPLE.suppliers, ...SAMPLE.providers };

/** DIP id of an MPID of the sample reference data. @throws Error for an MPID the fixtures do not know. */
export function dipIdOf(mpid: string): string {
  const id = DIP_ID[mpid];
  if (!id) throw new Error(`no fixture participant with MPID ${mpid}`);
  return id;
}

/** 10:00 UTC on settlement day `day`: inside that UK day in GMT and BST alike. */
export const during = (day: string): string => `${day}T10:00:00Z`;

/** `day` at 00:00 UK local time as a DT-003 date-time (`+01:00` in BST, `+00:00` in GMT). */
export function ukMidnightWire(day: string): string {
  const utc = ukMidnightOf(day);
  return utc.startsWith(day) ? `${day}T00:00:00+00:00` : `${day}T00:00:00+01:00`;
}

let counter = 0;

/** A fresh DT-995 sender unique reference (`S-IF-<nnn>-<dipId>-<ROLE>-20250615-<label><n>`). */
export function freshReference(ifNumber: string, dipId: string, role: string, label = 'T'): string {
  return senderUniqueReference(ifNumber, dipId, role, '20250615', `${label.replace(/[^A-Za-z0-9]/g, '')}${++counter}`);
}

export type Service = 'MS' | 'DS';

/** What an IF-031 asks for. */
export interface RequestSpec {
  core: string;
  service: Service;
  /** MPID of the requesting supplier (the sender). */
  supplier: string;
  /** MPID of the proposed provider. */
  provider: string;
  /** Effective-from settlement day. */
  from: string;
  scenario: 'COS' | 'CSP' | 'USP' | 'SEG' | 'MCA' | 'MCS' | 'ALG';
  /** B013 CSS registration id; `null` leaves the block out. Default `null`. */
  cssId?: string | null;
  contract?: string;
  /** Overrides of the proposed provider's DIP id / MPID as sent (for the REG1090 family). */
  providerDipId?: string;
  providerMpid?: string;
  /** The raw wire effective-from date-time (default: `from` at UK midnight). */
  fromWire?: string;
}

/** An IF-031 message and the appointment id the registry gives it (its message key). */
export interface BuiltMessage {
  msg: DipMessageJson;
  /** `<senderDIPID>:<senderUniqueReference>`: the message key, which is the appointment id of an IF-031. */
  key: string;
}

/** IF-031 `[MSApp]` / `[DSApp]` as `spec` says. */
export function appointmentRequest(spec: RequestSpec): BuiltMessage {
  const sender = dipIdOf(spec.supplier);
  const uniqueReference = freshReference('031', sender, 'SUP', `${spec.service}App`);
  const base = (spec.service === 'MS' ? msAppMessage : dsAppMessage)({ mpanCore: spec.core, senderDipId: sender, uniqueReference });
  const block = spec.service === 'MS' ? 'B070' : 'B071';
  const prefix = spec.service === 'MS' ? 'proposedMeteringService' : 'proposedDataService';
  const wire = spec.fromWire ?? ukMidnightWire(spec.from);
  let msg = base;
  const set = (path: string, value: unknown) => (msg = withValue(msg, `payload.CustomBlock.${block}.${path}`, value));
  set(`${prefix}DIPID`, spec.providerDipId ?? dipIdOf(spec.provider));
  set(`${prefix}MPID`, spec.providerMpid ?? spec.provider);
  set(`${prefix}DIPEffectiveFromDate`, wire);
  set(spec.service === 'MS' ? 'contractReferenceMeteringService' : 'contractReferenceDataService', spec.contract ?? contractOf(spec));
  set('appointmentScenario', spec.scenario);
  if (spec.service === 'DS') set('supplierNominatedMDREffectiveFromDate', wire);
  msg = spec.cssId == null ? without(msg, 'payload.CustomBlock.B013') : withValue(msg, 'payload.CustomBlock.B013.CSSRegistrationID', spec.cssId);
  return { msg, key: `${sender}:${uniqueReference}` };
}

/** The contract reference the builders use by default: `<supplier>-<provider>-<from>`. */
export const contractOf = (spec: Pick<RequestSpec, 'supplier' | 'provider' | 'from'>): string =>
  `${spec.supplier}-${spec.provider}-${spec.from.replace(/-/g, '')}`;

/** What an IF-034 answers. */
export interface ResponseSpec {
  core: string;
  service: Service;
  /** MPID of the answering provider (the sender). */
  sender: string;
  /** Sender role (default MSS for MS, SDS for DS). */
  senderRole?: string;
  /** The proposal echoed (B070 / B071 + B012): provider MPID, effective-from, requesting supplier MPID. */
  proposed: { provider: string; from: string; supplier: string; scenario?: RequestSpec['scenario']; contract?: string };
  /** B007 response code and SP code (defaults: `A`, `SP000 - Proposed Appointment ACCEPTED`). */
  code?: 'A' | 'R';
  sp?: string;
  cssId?: string | null;
}

/** IF-034 `[MSAppSPResponse]` / `[DSAppSPResponse]` as `spec` says. */
export function appointmentResponse(spec: ResponseSpec): BuiltMessage {
  const sender = dipIdOf(spec.sender);
  const role = spec.senderRole ?? (spec.service === 'MS' ? 'MSS' : 'SDS');
  const uniqueReference = freshReference('034', sender, role, `${spec.service}Resp`);
  const base = (spec.service === 'MS' ? msAppSpResponseMessage : dsAppSpResponseMessage)({
    mpanCore: spec.core,
    senderDipId: sender,
    senderRoleId: role,
    uniqueReference,
  });
  const p = spec.proposed;
  const block = spec.service === 'MS' ? 'B070' : 'B071';
  const prefix = spec.service === 'MS' ? 'proposedMeteringService' : 'proposedDataService';
  const wire = ukMidnightWire(p.from);
  const code = spec.code ?? 'A';
  let msg = base;
  const set = (path: string, value: unknown) => (msg = withValue(msg, `payload.CustomBlock.${path}`, value));
  set(`${block}.${prefix}DIPID`, dipIdOf(p.provider));
  set(`${block}.${prefix}MPID`, p.provider);
  set(`${block}.${prefix}DIPEffectiveFromDate`, wire);
  set(
    `${block}.${spec.service === 'MS' ? 'contractReferenceMeteringService' : 'contractReferenceDataService'}`,
    p.contract ?? contractOf(p),
  );
  set(`${block}.appointmentScenario`, p.scenario ?? 'CSP');
  if (spec.service === 'DS') set(`${block}.supplierNominatedMDREffectiveFromDate`, wire);
  set('B012.serviceProviderAppointmentRequestingSupplierDIPID', dipIdOf(p.supplier));
  set('B012.serviceProviderAppointmentRequestingSupplierMPID', p.supplier);
  set('B007.responseCode', code);
  set('B007.proposedAppointmentResponseCode', spec.sp ?? (code === 'A' ? 'SP000 - Proposed Appointment ACCEPTED' : 'SP002 - Proposed Appointment REJECTED'));
  msg = spec.cssId == null ? without(msg, 'payload.CustomBlock.B013') : withValue(msg, 'payload.CustomBlock.B013.CSSRegistrationID', spec.cssId);
  return { msg, key: `${sender}:${uniqueReference}` };
}

/** The IF-034 acceptance of exactly the proposal of `request` by its proposed provider. */
export function acceptanceOf(request: RequestSpec, overrides: Partial<ResponseSpec> = {}): BuiltMessage {
  return appointmentResponse({
    core: request.core,
    service: request.service,
    sender: request.provider,
    proposed: {
      provider: request.provider,
      from: request.from,
      supplier: request.supplier,
      scenario: request.scenario,
      contract: request.contract ?? contractOf(request),
    },
    cssId: request.cssId ?? null,
    ...overrides,
  });
}

/** BRWE's COS requests of MSSA and SDSA from its supply start 2025-04-02 (CSS registration of the initial-registration fixture). */
export function brweCosRequests(core: string): { ms: RequestSpec; ds: RequestSpec } {
  const common = { core, supplier: 'BRWE', from: '2025-04-02', scenario: 'COS' as const, cssId: SAMPLE.cssRegistrationIds.initial };
  return { ms: { ...common, service: 'MS', provider: 'MSSA' }, ds: { ...common, service: 'DS', provider: 'SDSA' } };
}
