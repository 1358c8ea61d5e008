import { DEFAULT_READER_DIP_ID, inferSigner } from './infer-signer';

const context = { operatorDipId: '9000000002' };
const submission = (...senders: unknown[]) => JSON.stringify(senders.map((s) => ({ payload: { CommonBlock: { S1: { senderDIPID: s } } } })));

describe('inferSigner (who the e2e harness and the benchmark sign as)', () => {
  it("signs a submission as the first message's sender that has a sample key", () => {
    expect(inferSigner('POST', '/dip-channel/IF-031', submission('1000000001', '1000000002'), context)).toBe('1000000001');
    expect(inferSigner('POST', '/dip-channel/IF-031', Buffer.from(submission(7, '2000000001')), context)).toBe('2000000001');
  });

  it('falls back to the default reader for a sender without a sample key, a body that is not JSON, or no body', () => {
    expect(inferSigner('POST', '/dip-channel/IF-031', submission('1999999999'), context)).toBe(DEFAULT_READER_DIP_ID);
    expect(inferSigner('POST', '/dip-channel/IF-031', 'not json', context)).toBe(DEFAULT_READER_DIP_ID);
    expect(inferSigner('POST', '/dip-channel/IF-031', undefined, context)).toBe(DEFAULT_READER_DIP_ID);
  });

  it('signs /participants/{dipId}/… as that participant, a history replay as its participant, operator paths as the operator', () => {
    expect(inferSigner('GET', '/participants/1000000002/publications?limit=5', undefined, context)).toBe('1000000002');
    expect(inferSigner('PUT', '/participants/2000000001/publication-config', '{}', context)).toBe('2000000001');
    expect(inferSigner('GET', '/participants/12345/publications', undefined, context)).toBe(DEFAULT_READER_DIP_ID);
    expect(inferSigner('GET', '/mpans/1900012374324/history?participant=3000000019', undefined, context)).toBe('3000000019');
    for (const path of ['/day-start', '/mpans/1900012374324/events?limit=1', '/mpans/x/state', '/mpans/x/timeline', '/mpans/x/diff', '/mpans/x/explain?item=supplier']) {
      expect([path, inferSigner('GET', path, undefined, context)]).toEqual([path, '9000000002']);
    }
  });

  it('signs other reads as the enquiry service', () => {
    expect(inferSigner('GET', '/mpans/1900012374324', undefined, context)).toBe('9000000003');
    expect(inferSigner('GET', '/mpans?postcode=tn11aa', undefined, context)).toBe('9000000003');
  });
});
