import { FeedRequestError } from './feed-errors';
import {
  applyConfigChange,
  knownEventCodes,
  parsePublicationConfigChange,
  passesFilter,
  webhookUrlProblem,
} from './publication-config';

/** The publication config: what a participant may set, and the event-code filter. */
describe('publication config', () => {
  describe('parsePublicationConfigChange', () => {
    it('keeps absent fields absent and null as a reset', () => {
      expect(parsePublicationConfigChange({})).toEqual({});
      expect(parsePublicationConfigChange({ eventCodes: null, webhookUrl: null })).toEqual({ eventCodes: null, webhookUrl: null });
    });

    it('sorts the event codes and drops duplicates', () => {
      expect(parsePublicationConfigChange({ eventCodes: ['[MSAppActive]', '[DSAppActive]', '[MSAppActive]'] })).toEqual({
        eventCodes: ['[DSAppActive]', '[MSAppActive]'],
      });
    });

    it('knows the routing table\'s codes and the inbound codes a status message can carry', () => {
      const known = knownEventCodes();
      for (const code of ['[MSAppActive]', '[GainMPANInfo]', '[MSAppInitialResp]', '[MeterInstall]', '[MPANCreation]', '[ChangeOfSupplier]', '[MSAppSPResponse]']) {
        expect(known.has(code)).toBe(true);
      }
    });

    it.each([
      [{ eventCodes: ['MSAppActive'] }, 'unknown event code(s) "MSAppActive"'],
      [{ eventCodes: ['[NoSuchEvent]'] }, 'unknown event code(s) "[NoSuchEvent]"'],
      [{ eventCodes: [] }, 'eventCodes must be null (everything) or a non-empty array'],
      [{ eventCodes: '[MSAppActive]' }, 'eventCodes must be null (everything) or a non-empty array'],
      [{ webhookUrl: 'ftp://example.org/hook' }, 'webhookUrl must use http or https, got "ftp"'],
      [{ webhookUrl: 'example.org/hook' }, 'is not an absolute URL'],
      [{ webhookUrl: 'https://user:secret@example.org/hook' }, 'must not carry credentials'],
      [{ webhookUrl: 42 }, 'webhookUrl must be null or an http(s) URL'],
      [{ webhookUrl: 'http://127.0.0.1:3999/hook' }, 'webhookUrl host 127.0.0.1 is a loopback address (127.0.0.0/8)'],
      [{ webhookUrl: 'http://localhost:3000/x' }, `webhookUrl host "localhost" is the registry's own loopback interface`],
      [{ webhookUrl: 'https://169.254.169.254/latest' }, 'webhookUrl host 169.254.169.254 is a link-local address (169.254.0.0/16)'],
      [{ webhookUrl: 'https://[fd00:ec2::254]/latest' }, 'webhookUrl host fd00:ec2::254 is a private address (fc00::/7)'],
      [{ callbackURL: 'https://example.org' }, 'unknown field(s) "callbackURL"'],
      [[], 'the body must be a JSON object'],
    ])('refuses %j (%s)', (body, message) => {
      expect(() => parsePublicationConfigChange(body)).toThrow(FeedRequestError);
      expect(() => parsePublicationConfigChange(body)).toThrow(message);
    });

    it('accepts a non-public webhook only when the policy allows private networks; never credentials', () => {
      const body = { webhookUrl: 'http://127.0.0.1:3999/hook' };
      expect(() => parsePublicationConfigChange(body)).toThrow('webhooks may only point to public addresses');
      expect(parsePublicationConfigChange(body, { allowPrivateNetworks: true })).toEqual(body);
      expect(parsePublicationConfigChange({ webhookUrl: 'https://hooks.example.org/dip' })).toEqual({ webhookUrl: 'https://hooks.example.org/dip' });
      expect(webhookUrlProblem('http://user:pw@127.0.0.1/x', { allowPrivateNetworks: true })).toBe('webhookUrl must not carry credentials (user:password@)');
    });

    it('quotes what was sent cut short: 100 characters a value, 5 values a list', () => {
      const long = 'x'.repeat(5000);
      const messageOf = (body: unknown): string => {
        try {
          parsePublicationConfigChange(body);
        } catch (error) {
          return (error as Error).message;
        }
        throw new Error('expected a refusal');
      };
      const codes = messageOf({ eventCodes: Array.from({ length: 8 }, (_, i) => `[${long}${i}]`) });
      expect(codes).toContain(`"[${'x'.repeat(99)}…", `);
      expect(codes).toContain(' and 3 more: use the bracketed codes');
      expect(codes.length).toBeLessThan(800);
      expect(messageOf({ webhookUrl: long.slice(0, 1500) })).toBe(`webhookUrl "${'x'.repeat(100)}…" is not an absolute URL`);
      expect(messageOf({ [long]: 1 }).length).toBeLessThan(250);
    });

    it('lists every problem at once', () => {
      expect(() => parsePublicationConfigChange({ eventCodes: ['[X]'], webhookUrl: 'mailto:a@b' })).toThrow(/unknown event code.*; webhookUrl must use http or https/);
    });
  });

  it('accepts http and https webhook URLs, with ports; loopback hosts only where private networks are allowed', () => {
    expect(webhookUrlProblem('https://participant.example.org/dip/publications')).toBeNull();
    expect(webhookUrlProblem('http://203.0.114.1:8080/hook?x=1')).toBeNull();
    expect(webhookUrlProblem('http://127.0.0.1:8080/hook?x=1', { allowPrivateNetworks: true })).toBeNull();
    expect(webhookUrlProblem('http://localhost/hook', { allowPrivateNetworks: true })).toBeNull();
    expect(webhookUrlProblem('http://localhost/hook')).toContain('loopback');
  });

  it('refuses port 0 (URL parsers accept it; nothing listens there)', () => {
    expect(webhookUrlProblem('http://example.com:0/')).toBe('webhookUrl must not name port 0 (give a port from 1 to 65535, or none)');
    expect(webhookUrlProblem('https://example.com:000/hook')).toBe('webhookUrl must not name port 0 (give a port from 1 to 65535, or none)');
    expect(webhookUrlProblem('https://example.com:1/hook')).toBeNull();
  });

  it('applies a change field by field', () => {
    const current = { eventCodes: ['[MSAppActive]'], webhookUrl: 'https://a.example/hook' };
    expect(applyConfigChange(current, {})).toEqual(current);
    expect(applyConfigChange(current, { webhookUrl: null })).toEqual({ eventCodes: ['[MSAppActive]'], webhookUrl: null });
    expect(applyConfigChange(current, { eventCodes: null })).toEqual({ eventCodes: null, webhookUrl: 'https://a.example/hook' });
  });

  it('filters by event code; no filter passes everything', () => {
    expect(passesFilter('[MSAppActive]', null)).toBe(true);
    expect(passesFilter('[MSAppActive]', ['[MSAppActive]', '[DSAppActive]'])).toBe(true);
    expect(passesFilter('[MSDeApp]', ['[MSAppActive]'])).toBe(false);
  });
});
