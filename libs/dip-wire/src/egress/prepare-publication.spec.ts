import type { CreatedMpanState } from '@app/registration-domain';
import { preparePublication, renderPublication } from './render-publication';
import { EgressMessage, EgressRenderError, RenderPublicationInput } from './egress-types';
import { identityFor, Issued, MpanStory } from './testing/egress-story';
import { fullStory, gspStory, outcomesStory } from './testing/egress-stories';

/**
 * `preparePublication` renders the recipient-independent part of a publication once (issue #9,
 * P1): each copy must be exactly what `renderPublication` gives for that recipient and identity,
 * including which error a bad copy raises.
 */

const stories: MpanStory[] = [fullStory(), outcomesStory(), gspStory()];
const ref = stories[0]!.ref;
const issued: Issued[] = stories.flatMap((s) => s.issued);

const inputFor = (i: Issued, index: number, recordedAt?: string): RenderPublicationInput => ({
  publication: i.publication,
  causedBy: { event: i.event, stateAfter: i.stateAfter },
  recipient: i.publication.recipients[index]!,
  referenceData: ref,
  identity: identityFor(i.publication.interfaceId, i.position, index, recordedAt),
});

/** A CommonBlock member of a rendered message (S1, D0 …) by name. */
const block = (message: EgressMessage, name: string): Record<string, unknown> => message.CommonBlock[name] as Record<string, unknown>;

/** What rendering raises (its class and message), or the message rendered. */
const outcomeOf = (render: () => unknown): unknown => {
  try {
    return { message: render() };
  } catch (error) {
    return { error: error instanceof EgressRenderError ? `EgressRenderError: ${error.message}` : String(error) };
  }
};

describe('preparePublication', () => {
  it('gives every copy of every publication of the stories exactly as renderPublication does', () => {
    expect(issued.some((i) => i.publication.recipients.length > 1)).toBe(true);
    for (const i of issued) {
      const prepared = preparePublication({ publication: i.publication, causedBy: { event: i.event, stateAfter: i.stateAfter }, referenceData: ref });
      i.publication.recipients.forEach((recipient, index) => {
        const input = inputFor(i, index);
        const copy = prepared.render(recipient, input.identity);
        expect(JSON.stringify(copy)).toBe(JSON.stringify(renderPublication(input)));
        expect(block(copy, 'D0').transactionID).toBe(input.identity.transactionId);
      });
    }
  });

  it('renders the identity of each copy, also when the copies of one publication are recorded at different instants', () => {
    const i = issued.find((x) => x.publication.recipients.length > 1)!;
    const prepared = preparePublication({ publication: i.publication, causedBy: { event: i.event, stateAfter: i.stateAfter }, referenceData: ref });
    const first = prepared.render(i.publication.recipients[0]!, identityFor(i.publication.interfaceId, i.position, 0, '2025-04-10T09:00:00.000Z'));
    const second = prepared.render(i.publication.recipients[1]!, identityFor(i.publication.interfaceId, i.position, 1, '2025-06-01T23:30:00.000Z'));
    expect(block(first, 'S1').senderTimestamp).toBe('2025-04-10T09:00:00+00:00');
    expect(block(second, 'S1').senderTimestamp).toBe('2025-06-01T23:30:00+00:00');
    expect(block(second, 'D0').transactionTimestamp).toBe('2025-06-01T23:30:00+00:00');
    expect(block(first, 'S1').senderUniqueReference).not.toBe(block(second, 'S1').senderUniqueReference);
  });

  it('raises, copy by copy, the error renderPublication raises: a bad identity first, then the cause, the recipient, the blocks', () => {
    const i = stories[0]!.issued.find((x) => x.publication.interfaceId === 'IF-036' && x.publication.eventCode === '[MSAppActive]')!;
    const noIndicator: CreatedMpanState = { ...i.stateAfter, domesticPremiseIndicator: [] };
    const cases: Array<{ input: RenderPublicationInput; pattern: RegExp }> = [
      { input: { ...inputFor(i, 0), causedBy: { event: i.event, stateAfter: noIndicator } }, pattern: /B028 requires it/ },
      { input: { ...inputFor(i, 0), recipient: { role: 'SUP', dipId: '1000000004' } }, pattern: /is not a recipient/ },
      { input: { ...inputFor(i, 0), publication: { ...i.publication, interfaceId: 'IF-099' } }, pattern: /no egress renderer/ },
      { input: { ...inputFor(i, 0), identity: { ...inputFor(i, 0).identity, publicationId: 'PUB-36' } }, pattern: /DI-986/ },
      {
        input: { ...inputFor(i, 0), causedBy: { event: i.event, stateAfter: noIndicator }, identity: { ...inputFor(i, 0).identity, registryDipId: '9' } },
        pattern: /registryDipId/,
      },
    ];
    for (const { input, pattern } of cases) {
      const prepared = preparePublication({ publication: input.publication, causedBy: input.causedBy, referenceData: input.referenceData });
      // Twice: the second copy meets the remembered outcome of the first.
      for (let copy = 0; copy < 2; copy += 1) {
        const outcome = outcomeOf(() => prepared.render(input.recipient, input.identity));
        expect(outcome).toEqual(outcomeOf(() => renderPublication(input)));
        expect(outcome).toEqual({ error: expect.stringMatching(pattern) });
      }
    }
  });

  it('a copy with a bad identity does not stop the next, good copy', () => {
    const i = issued.find((x) => x.publication.recipients.length > 1)!;
    const prepared = preparePublication({ publication: i.publication, causedBy: { event: i.event, stateAfter: i.stateAfter }, referenceData: ref });
    const good = inputFor(i, 1);
    expect(() => prepared.render(i.publication.recipients[0]!, { ...inputFor(i, 0).identity, recordedAt: 'yesterday' })).toThrow(/not a UTC instant/);
    expect(JSON.stringify(prepared.render(good.recipient, good.identity))).toBe(JSON.stringify(renderPublication(good)));
  });
});
