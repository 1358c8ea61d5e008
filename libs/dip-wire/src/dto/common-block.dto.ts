import { WIRE_ENUMS, EnvironmentTag, WireGspGroupId } from './wire-enums';
import {
  dateTimeCheck,
  dipIdCheck,
  dipIdListCheck,
  enumCheck,
  mpanCoreCheck,
  stringCheck,
  WireField,
  WireLabel,
} from './wire-rules';

/**
 * DTOs of the DIP common block (`CommonBlock`), transcribed from the official schemas `S1`, `M0`
 * and `A0` of the DIP OpenAPI document 2.2.1. `S0` depends on the channel (its `interfaceID`,
 * `schemaVersion` and `eventCode` enumerations) and is built per channel in `envelope.dto.ts`;
 * `D0` is refused on input (the DIP adds it on egress).
 *
 * Unknown properties are refused at every level (whitelist + forbidNonWhitelisted), as the
 * official schemas do with `additionalProperties: false`.
 */

/** DT-995 sender unique reference pattern (official, verbatim). */
export const SENDER_UNIQUE_REFERENCE_PATTERN = /^S-((IF|REP)-)?\d{3}[A-B]?-[0-9a-fA-F]{10}-[A-Z]{3,5}-\d{8}-[a-zA-Z0-9]+$/;

/**
 * `S1`, the sender block: who sent the message, when, and the sender's idempotency key.
 * All eight properties are required; `subText`, `senderCorrelationID` and
 * `DIPConnectionProviderID` may be `null`.
 */
@WireLabel('S1 (sender)')
export class S1Dto {
  /** DT-013: `PRD`, `SITB`, `SIT`, `UIT` or `DEV`. */
  @WireField('required', enumCheck(WIRE_ENUMS.environmentTag, 'DT-013 environment tag'))
  environmentTag!: EnvironmentTag;

  /** DT-020N: free text for testing, 1–500 characters, nullable. */
  @WireField('nullable', stringCheck({ type: 'DT-020N sub-text', min: 1, max: 500 }))
  subText!: string | null;

  /** DT-995: the sender's unique reference (idempotency key with `senderDIPID`), 1–200 characters. */
  @WireField(
    'required',
    stringCheck({
      type: 'DT-995 sender unique reference, e.g. S-IF-050-3000000019-LDSO-20250320-0001',
      min: 1,
      max: 200,
      pattern: SENDER_UNIQUE_REFERENCE_PATTERN,
    }),
  )
  senderUniqueReference!: string;

  /** DT-003: when the sender sent the message (an instant with offset). */
  @WireField('required', dateTimeCheck)
  senderTimestamp!: string;

  /** DT-006: the sender's 10-digit DIP participant id. */
  @WireField('required', dipIdCheck)
  senderDIPID!: string;

  /** DT-009: the sender's role (3–5 characters, e.g. `LDSO`, `CSS`). */
  @WireField('required', stringCheck({ type: 'DT-009 DIP participant role', min: 3, max: 5 }))
  senderRoleID!: string;

  /** DT-011N: a correlation id the message relates to, 1–60 characters, nullable. */
  @WireField('nullable', stringCheck({ type: 'DT-011N correlation id', min: 1, max: 60 }))
  senderCorrelationID!: string | null;

  /** DT-006N: the connection provider submitting on the sender's behalf, nullable. */
  @WireField('nullable', dipIdCheck)
  DIPConnectionProviderID!: string | null;
}

/** `M0`, the MPAN block: the MPAN core, its distributor's DIP id and its GSP group. All required. */
@WireLabel('M0 (MPAN)')
export class M0Dto {
  /** DT-002: 13 digits (the check digit is a business rule, REG0000). */
  @WireField('required', mpanCoreCheck)
  MPANCore!: string;

  /** DT-006: the LDSO's 10-digit DIP participant id. */
  @WireField('required', dipIdCheck)
  distributorDIPID!: string;

  /** DI-037: `_A`…`_P`. */
  @WireField('required', enumCheck(WIRE_ENUMS.gspGroupId, 'DI-037 GSP group id'))
  GSPGroupID!: WireGspGroupId;
}

/**
 * `A0`, the addressing block (optional). When present, all three arrays are required; their items
 * are DIP ids or `null` (DT-006N). `secondaryRecipients` and `always` are filled by the DIP.
 */
@WireLabel('A0 (addressing)')
export class A0Dto {
  @WireField('required', dipIdListCheck)
  primaryRecipients!: (string | null)[];

  @WireField('required', dipIdListCheck)
  secondaryRecipients!: (string | null)[];

  @WireField('required', dipIdListCheck)
  always!: (string | null)[];
}
