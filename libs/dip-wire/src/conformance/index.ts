export {
  OfficialSchemas,
  formatAjvErrors,
  loadOfficialSchemas,
  officialSchemas,
  validateInputMessage,
} from './official-schemas';
export type { InputMessageValidationResult, SchemaValidationResult } from './official-schemas';
export {
  INPUT_CHANNELS,
  INPUT_CHANNEL_IDS,
  INPUT_SCHEMA_VERSION,
  inputEvent,
  isInputChannelId,
} from './input-channels';
export type { InputChannelDefinition, InputChannelId, InputEventDefinition } from './input-channels';
export { OFFICIAL_OPENAPI_RELATIVE_PATH, PARTICIPANTS_RELATIVE_PATH, findRepoRoot } from './repo-root';
