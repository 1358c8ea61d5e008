import { loadOfficialSchemas } from '../conformance/official-schemas';
import { EGRESS_PUBLICATION_TYPES, renderPublication } from './render-publication';
import { egressSchemaName } from './egress-schemas';
import { EgressMessage } from './egress-types';
import { identityFor, Issued, MpanStory } from './testing/egress-story';
import { fullStory, gspStory, outcomesStory } from './testing/egress-stories';

/**
 * Every publication type the registry issues, produced by the real decider from the stories of
 * testing/egress-stories.ts, rendered for every one of its recipients, must validate against its
 * official schema (DIP OpenAPI 2.2.1) with no error.
 */

const schemas = loadOfficialSchemas();
const stories: MpanStory[] = [fullStory(), outcomesStory(), gspStory()];
const issued: Issued[] = stories.flatMap((s) => s.issued);
const render = (i: Issued, recipientIndex = 0): EgressMessage =>
  renderPublication({
    publication: i.publication,
    causedBy: { event: i.event, stateAfter: i.stateAfter },
    recipient: i.publication.recipients[recipientIndex]!,
    referenceData: stories[0]!.ref,
    identity: identityFor(i.publication.interfaceId, i.position, recipientIndex),
  });

const expectedTypes = Object.entries(EGRESS_PUBLICATION_TYPES).flatMap(([interfaceId, codes]) => codes.map((code) => `${interfaceId} ${code}`));

describe('renderPublication: every publication type validates against its official schema', () => {
  it('the stories issue every publication type the renderer supports, and no other', () => {
    const issuedTypes = [...new Set(issued.map((i) => `${i.publication.interfaceId} ${i.publication.eventCode}`))].sort();
    expect(issuedTypes).toEqual([...expectedTypes].sort());
  });

  it.each(expectedTypes)('%s: every copy validates with zero errors', (type) => {
    const copies = issued.filter((i) => `${i.publication.interfaceId} ${i.publication.eventCode}` === type);
    expect(copies.length).toBeGreaterThan(0);
    for (const i of copies) {
      i.publication.recipients.forEach((_recipient, index) => {
        const message = render(i, index);
        const schema = egressSchemaName(message);
        expect(schemas.hasSchema(schema)).toBe(true);
        expect({ schema, ...schemas.validate(schema, message) }).toEqual({ schema, valid: true, errors: [] });
      });
    }
  });
});
