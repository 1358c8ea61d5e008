import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import {
  INPUT_CHANNEL_IDS,
  INPUT_CHANNELS,
  INPUT_SCHEMA_VERSION,
  InputChannelId,
  InputEventDefinition,
  inputEvent,
  isInputChannelId,
} from './input-channels';
import { OFFICIAL_OPENAPI_RELATIVE_PATH, findRepoRoot } from './repo-root';

/**
 * Conformance checks against Elexon's official DIP OpenAPI 3.0 document (version 2.2.1, see
 * reference/dip/README.md): every schema under `components.schemas` compiled into one Ajv 8
 * instance, plus the input-message check of docs/adr/0003.
 *
 * OpenAPI 3.0 dialect handling:
 * - `$ref: '#/components/schemas/...'` is resolved as written: the document's `components.schemas`
 *   are registered under one root schema `{ $id, components: { schemas } }` (`components` is
 *   declared as an annotation keyword), so references keep their official form.
 * - `nullable: true` is Ajv's own OpenAPI keyword (adds `null` to `type`). Where a nullable schema
 *   also has an `enum` without `null` (seven data items, e.g. `DI-137-IHD-Install-Status`), `null`
 *   is added to the enum, as OpenAPI 3.0.3 clarifies ("nullable: true" allows null).
 * - `example` is registered as an annotation keyword; formats come from ajv-formats (`uri`,
 *   `email`, `uuid`, `byte`, `int32`).
 * - Strict mode stays on except `strictTypes`: eleven official `CommonBlock` schemas (IF-050,
 *   IF-061 … IF-065) carry `properties`/`required` without `type: object`, which strict types rejects.
 */

/** Outcome of one validation: `errors` are readable lines, `<instancePath>: <message>`. Empty when valid. */
export interface SchemaValidationResult {
  valid: boolean;
  errors: string[];
}

/** Outcome of {@link validateInputMessage}: the schema result plus what was recognised in `S0`. */
export interface InputMessageValidationResult extends SchemaValidationResult {
  /** `S0.interfaceID` when it names an input channel (or the channel passed in), else `null`. */
  channel: InputChannelId | null;
  /** `S0.eventCode` when it is an event of that channel, else `null`. */
  eventCode: string | null;
  /** Official schema whose CustomBlock the event mirrors (e.g. `IF-050-MPANCreation`), else `null`. */
  mirroredSchema: string | null;
}

/** `$id` under which the document's `components` are registered in Ajv. */
const ROOT_ID = 'https://dip-api-documentation.elexon.co.uk/openapi-2.2.1.json';

/** The official document's schemas compiled into one Ajv instance. Build with {@link loadOfficialSchemas}. */
export class OfficialSchemas {
  /** `info.version` of the loaded document, e.g. `2.2.1`. */
  readonly documentVersion: string;
  private readonly ajv: Ajv;
  private readonly names: ReadonlySet<string>;
  private readonly byName = new Map<string, ValidateFunction>();
  private readonly inputValidators = new Map<string, ValidateFunction>();

  /**
   * @param document the parsed OpenAPI 3.0 document (not modified; a patched copy is compiled).
   * @param documentPath where it was read from, for error messages.
   * @throws Error when the document has no `components.schemas`.
   */
  constructor(
    document: unknown,
    readonly documentPath: string,
  ) {
    const doc = document as { info?: { version?: string }; components?: { schemas?: Record<string, unknown> } };
    const schemas = doc?.components?.schemas;
    if (!schemas || typeof schemas !== 'object') {
      throw new Error(`${documentPath} has no components.schemas: not an OpenAPI 3.0 document`);
    }
    this.documentVersion = doc.info?.version ?? 'unknown';
    this.names = new Set(Object.keys(schemas));
    this.ajv = new Ajv({ strict: true, strictTypes: false, allErrors: true, verbose: true });
    addFormats(this.ajv);
    this.ajv.addVocabulary(['example', 'components']);
    this.ajv.addSchema({ $id: ROOT_ID, components: { schemas: patchOpenApi30(structuredClone(schemas)) } });
  }

  /** Every name under `components.schemas`, in document order. */
  schemaNames(): string[] {
    return [...this.names];
  }

  /** True when `name` is a schema under `components.schemas` (e.g. `S1`, `IF-050-MPANCreation`). */
  hasSchema(name: string): boolean {
    return this.names.has(name);
  }

  /**
   * Validates `value` against `components.schemas[schemaName]` (compiled on first use, then cached).
   * @throws RangeError when the document has no schema of that name.
   * @throws Error when the schema does not compile (a defect of the document or of this loader).
   */
  validate(schemaName: string, value: unknown): SchemaValidationResult {
    return run(this.validator(schemaName), value);
  }

  /**
   * Compiles every schema of the document (normally they compile lazily, on first use).
   * @returns how many schemas were compiled.
   * @throws Error naming the first schema that does not compile.
   */
  compileAll(): number {
    for (const name of this.names) this.validator(name);
    return this.names.size;
  }

  /**
   * Validates one message of an input channel, ADR 0003 or a DIP interface (`{ payload: { CommonBlock,
   * CustomBlock } }`, one element of the envelope array). See {@link validateInputMessage}.
   * @param expectedChannel when given, `S0.interfaceID` must equal it (the `{channelId}` of the URL).
   */
  validateInputMessage(message: unknown, expectedChannel?: InputChannelId): InputMessageValidationResult {
    const s0 = (message as { payload?: { CommonBlock?: { S0?: { interfaceID?: unknown; eventCode?: unknown } } } })
      ?.payload?.CommonBlock?.S0;
    const sentChannel = s0?.interfaceID;
    const channel: InputChannelId | null =
      expectedChannel ?? (isInputChannelId(sentChannel) ? sentChannel : null);
    const event = channel && typeof s0?.eventCode === 'string' ? inputEvent(channel, s0.eventCode) : undefined;
    const result = run(this.inputValidator(channel, event), message);
    const commonBlock = (message as { payload?: { CommonBlock?: unknown } })?.payload?.CommonBlock;
    if (commonBlock && typeof commonBlock === 'object' && 'D0' in commonBlock) {
      // The ADR-0003 schema has no D0; the official event schemas allow one (for egress).
      // Either way the only thing to say about a D0 on input is that it is refused.
      result.errors = result.errors.filter(
        (e) => e !== `/payload/CommonBlock: must NOT have additional properties: 'D0'` && !/^\/payload\/CommonBlock\/D0[/:]/.test(e),
      );
      result.errors.unshift('/payload/CommonBlock/D0: refused on input (the DIP adds D0 on egress only)');
      result.valid = false;
    }
    return {
      ...result,
      channel,
      eventCode: event?.eventCode ?? null,
      mirroredSchema: event?.mirroredSchema ?? null,
    };
  }

  private validator(name: string): ValidateFunction {
    let fn = this.byName.get(name);
    if (fn) return fn;
    if (!this.names.has(name)) {
      throw new RangeError(`${this.documentPath} has no schema ${JSON.stringify(name)} under components.schemas`);
    }
    try {
      fn = this.ajv.getSchema(ref(name));
    } catch (e) {
      throw new Error(`official schema ${name} does not compile: ${(e as Error).message}`);
    }
    if (!fn) throw new Error(`official schema ${name} could not be resolved`);
    this.byName.set(name, fn);
    return fn;
  }

  private inputValidator(channel: InputChannelId | null, event: InputEventDefinition | undefined): ValidateFunction {
    const key = `${channel ?? '*'} ${event?.eventCode ?? '*'}`;
    let fn = this.inputValidators.get(key);
    if (!fn) {
      fn = this.ajv.compile(inputMessageSchema(channel, event));
      this.inputValidators.set(key, fn);
    }
    return fn;
  }
}

/**
 * Reads and compiles an OpenAPI 3.0 document.
 * @param documentPath absolute, or relative to the repository root (default: the official DIP
 *   document `reference/dip/elexon-dip-openapi-2.2.1.json`).
 * @throws Error when the file cannot be read or parsed, or has no `components.schemas`.
 */
export function loadOfficialSchemas(documentPath: string = OFFICIAL_OPENAPI_RELATIVE_PATH): OfficialSchemas {
  const path = isAbsolute(documentPath) ? documentPath : join(findRepoRoot(), documentPath);
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`cannot load the DIP OpenAPI document ${path}: ${(e as Error).message}`);
  }
  return new OfficialSchemas(document, path);
}

let singleton: OfficialSchemas | undefined;

/**
 * The official DIP document's schemas, loaded once per process (cached singleton).
 * Schemas compile lazily on first use; the first call reads and parses the document (~1 MB).
 * @throws Error when the document cannot be loaded (see {@link loadOfficialSchemas}).
 */
export function officialSchemas(): OfficialSchemas {
  singleton ??= loadOfficialSchemas();
  return singleton;
}

/**
 * Checks one input-channel message against the official schemas. On a DIP interface channel
 * (`IF-005`, `IF-007`, `IF-025`, `IF-031`, `IF-034`) the message is `{ payload }` and the payload
 * validates, whole, against the official event schema named by `S0.eventCode` (`IF-005-MeterInstall`,
 * `IF-031-MSApp`, `IF-034-DSAppSPResponse`, …),
 * except that `D0` is refused on input. On a docs/adr/0003 channel:
 * - the message is `{ payload: { CommonBlock, CustomBlock } }` and nothing else;
 * - `CommonBlock` holds `S0`, `S1`, `M0` and optionally `A0` (`D0` is refused: the DIP adds it on egress);
 * - `S0` is `{ interfaceID: <channel>, schemaVersion: "011", eventCode: <bracketed event of the channel> }`;
 * - `S1` validates against the official `S1`, `M0` against `M0`, `A0` (if present) against `A0`;
 * - `CustomBlock` validates against the CustomBlock sub-schema of the mirrored official event
 *   schema (e.g. `IF-050-MPANCreation`'s `properties.CustomBlock`), plus our extra required
 *   blocks; on the thin switching-service events only their blocks (B013, B002, B003 on a change
 *   of supplier, optional B004), each against the mirrored event's own block schema, with B013,
 *   B002 (and B003) required.
 *
 * This is a schema (L1-style) check only: MPAN check digits, calendar validity of DT-003 values,
 * GSP group consistency and sender roles are business checks made after it.
 *
 * @param message one element of the posted array (parsed JSON).
 * @param expectedChannel the channel id from the URL, when known; `S0.interfaceID` must equal it.
 * @returns `valid`, readable `errors` (`<instancePath>: <message>`), and the recognised channel/event.
 * @throws Error only when the official document cannot be loaded.
 */
export function validateInputMessage(
  message: unknown,
  expectedChannel?: InputChannelId,
): InputMessageValidationResult {
  return officialSchemas().validateInputMessage(message, expectedChannel);
}

/**
 * Formats Ajv errors as readable lines: `<instancePath or (root)>: <message>[ <detail>]`,
 * e.g. `/payload/CommonBlock/S1/senderTimestamp: must NOT have fewer than 25 characters (got "2025-04-01")`.
 */
export function formatAjvErrors(errors: readonly ErrorObject[] | null | undefined): string[] {
  if (!errors) return [];
  const lines = errors.map((e) => {
    const where = e.instancePath || '(root)';
    let detail = '';
    if (e.keyword === 'additionalProperties') {
      detail = `: '${(e.params as { additionalProperty: string }).additionalProperty}'`;
    } else if (e.keyword === 'enum') {
      detail = `: ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    } else if (e.keyword === 'const') {
      detail = `: ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}`;
    }
    const got = SHOW_VALUE.has(e.keyword) ? ` (got ${preview(e.data)})` : '';
    return `${where}: ${e.message ?? e.keyword}${detail}${got}`;
  });
  return [...new Set(lines)];
}

const SHOW_VALUE = new Set([
  'type', 'enum', 'const', 'pattern', 'minLength', 'maxLength', 'format', 'minimum', 'maximum', 'multipleOf',
]);

function preview(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

function run(fn: ValidateFunction, value: unknown): SchemaValidationResult {
  const valid = fn(value) as boolean;
  return { valid, errors: valid ? [] : formatAjvErrors(fn.errors) };
}

function ref(name: string): string {
  return `${ROOT_ID}#/components/schemas/${name}`;
}

/** Applies the OpenAPI 3.0 reading of `nullable` to `enum` (in place; pass a copy). */
function patchOpenApi30<T>(node: T): T {
  if (Array.isArray(node)) {
    node.forEach(patchOpenApi30);
  } else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.nullable === true && Array.isArray(o.enum) && !o.enum.includes(null)) o.enum = [...o.enum, null];
    Object.values(o).forEach(patchOpenApi30);
  }
  return node;
}

/** JSON schema of an input message for a channel/event; unknown parts get the strictest generic checks. */
function inputMessageSchema(channel: InputChannelId | null, event: InputEventDefinition | undefined): object {
  if (channel && event && INPUT_CHANNELS[channel].kind === 'dip-interface') {
    // An official DIP interface: the payload is the official event schema, whole.
    return {
      type: 'object',
      additionalProperties: false,
      required: ['payload'],
      properties: { payload: { $ref: ref(event.mirroredSchema) } },
    };
  }
  const channels = channel ? [channel] : [...INPUT_CHANNEL_IDS];
  const eventCodes = event ? [event.eventCode] : channels.flatMap((c) => INPUT_CHANNELS[c].events.map((e) => e.eventCode));
  const s0 = {
    type: 'object',
    additionalProperties: false,
    required: ['interfaceID', 'schemaVersion', 'eventCode'],
    properties: {
      interfaceID: { type: 'string', enum: channels },
      schemaVersion: { type: 'string', enum: [INPUT_SCHEMA_VERSION] },
      eventCode: { type: 'string', enum: eventCodes },
    },
  };
  const customBlock = event?.thinBlocks
    ? {
        type: 'object',
        additionalProperties: false,
        required: [...event.thinBlocks.required],
        properties: Object.fromEntries(
          event.thinBlocks.allowed.map((b) => [b, { $ref: `${ref(event.mirroredSchema)}/properties/CustomBlock/properties/${b}` }]),
        ),
      }
    : event
    ? {
        allOf: [
          { $ref: `${ref(event.mirroredSchema)}/properties/CustomBlock` },
          ...(event.extraRequiredBlocks.length
            ? [
                {
                  required: [...event.extraRequiredBlocks],
                  properties: Object.fromEntries(event.extraRequiredBlocks.map((b) => [b, true])),
                },
              ]
            : []),
        ],
      }
    : { type: 'object' };
  return {
    type: 'object',
    additionalProperties: false,
    required: ['payload'],
    properties: {
      payload: {
        type: 'object',
        additionalProperties: false,
        required: ['CommonBlock', 'CustomBlock'],
        properties: {
          CommonBlock: {
            type: 'object',
            additionalProperties: false,
            required: ['S0', 'S1', 'M0'],
            properties: {
              S0: s0,
              S1: { $ref: ref('S1') },
              M0: { $ref: ref('M0') },
              A0: { $ref: ref('A0') },
            },
          },
          CustomBlock: customBlock,
        },
      },
    },
  };
}
