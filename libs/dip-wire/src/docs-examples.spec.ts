import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { validateInputMessage } from './conformance';
import { validateDipMessage } from './validate-dip-message';

// The README's curl examples post these files: they must stay valid for our DTOs and for the
// official schemas.
const dir = path.resolve(__dirname, '../../../docs/examples');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('docs/examples', () => {
  it('has the examples the README uses', () => {
    expect(files).toEqual(expect.arrayContaining(['mpan-creation.json', 'initial-registration.json']));
  });

  it.each(files)('%s: every message passes the wire DTOs and the official schemas', (file) => {
    const messages = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Array<{ payload: { CommonBlock: { S0: { interfaceID: string } } } }>;
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) {
      const channel = message.payload.CommonBlock.S0.interfaceID;
      const wire = validateDipMessage(channel, message);
      expect(wire.ok ? [] : wire.errors).toEqual([]);
      expect(validateInputMessage(message).errors).toEqual([]);
    }
  });
});
