import { sampleDipKeyring } from '@app/dip-auth/testing/sample-keyring';
import { verifyDipRequest } from '@app/dip-auth';
import { CliError } from '../cli-context';
import { CliUsageError } from '../usage-errors';
import { sendSubmissions, submissionsOf } from './send.command';

const NOW = new Date('2025-06-15T10:00:00.000Z');
const msg = (sender: string, channel = 'IF-031', ref = 'r') => ({ payload: { CommonBlock: { S0: { interfaceID: channel }, S1: { senderDIPID: sender, senderUniqueReference: ref } }, CustomBlock: {} } });

describe('submissionsOf', () => {
  it('takes a JSON array as messages, grouping consecutive messages of one channel and sender, at most `batch` each', () => {
    const text = JSON.stringify([msg('1000000001'), msg('1000000001'), msg('1000000001'), msg('1000000002'), msg('1000000001', 'IF-025')]);
    expect(submissionsOf(text, undefined, 2).map((s) => [s.channel, s.sender, s.messages.length])).toEqual([
      ['IF-031', '1000000001', 2],
      ['IF-031', '1000000001', 1],
      ['IF-031', '1000000002', 1],
      ['IF-025', '1000000001', 1],
    ]);
  });

  it("reads JSON lines of traffic ({ channel, message }) with the line's channel, bare messages on --channel, else S0.interfaceID", () => {
    const text = `${JSON.stringify({ channel: 'REGS-LDSO', message: msg('3000000019', 'X') })}\n\n${JSON.stringify(msg('1000000001'))}\n`;
    expect(submissionsOf(text, undefined, 100).map((s) => s.channel)).toEqual(['REGS-LDSO', 'IF-031']);
    const bare = `${JSON.stringify(msg('1000000001'))}\n${JSON.stringify(msg('1000000001', 'IF-025'))}\n`;
    expect(submissionsOf(bare, 'IF-034', 100).map((s) => [s.channel, s.messages.length])).toEqual([['IF-034', 2]]);
    expect(submissionsOf(JSON.stringify([msg('1000000001')]), 'IF-034', 100).map((s) => s.channel)).toEqual(['IF-034']);
  });

  it('refuses --channel with traffic lines (they name their own channel) as a usage error naming the first such line', () => {
    const text = `${JSON.stringify(msg('1000000001'))}\n${JSON.stringify({ channel: 'REGS-LDSO', message: msg('3000000019', 'X') })}\n`;
    expect(() => submissionsOf(text, 'IF-025', 100)).toThrow(
      new CliUsageError('--channel IF-025 cannot be used with traffic lines, which name their own channel (line 2: REGS-LDSO); drop --channel, or give bare messages'),
    );
    expect(() => submissionsOf(JSON.stringify({ channel: 'REGS-LDSO', message: msg('3000000019') }), 'IF-025', 100)).toThrow(CliUsageError);
  });

  it('refuses text that is not JSON, and a message without a channel', () => {
    expect(() => submissionsOf('{"a":1}\nnot json', undefined, 1)).toThrow(new CliError('line 2 is not a JSON object (give a JSON array of messages, one message, or JSON lines)'));
    expect(() => submissionsOf('[{"payload":{}}]', undefined, 1)).toThrow('message 0 has no S0.interfaceID: give --channel');
    expect(() => submissionsOf('[]', undefined, 1)).toThrow('no message to send');
  });
});

describe('sendSubmissions', () => {
  it("signs each submission as its sender over the exact body and path, and counts the acknowledgements and refusals", async () => {
    const keyring = sampleDipKeyring();
    const lines: string[] = [];
    const signers: string[] = [];
    const fetchFake = (async (input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(String(input));
      const verified = verifyDipRequest({
        method: init!.method!, url: `${url.pathname}${url.search}`, rawBody: Buffer.from(init!.body as string), headers: init!.headers as Record<string, string>,
        now: NOW.toISOString(), maxSkewMs: 1000, production: false, keyring,
      });
      signers.push(`${verified.dipId} ${url.pathname}`);
      if (verified.dipId === '1000000002') return new Response(JSON.stringify({ statusCode: 403, code: 'SENDER_NOT_SIGNER', message: 'no' }), { status: 403 });
      const messageArray = (JSON.parse(init!.body as string) as unknown[]).map((_, i) =>
        i === 0
          ? { message: 'MSG0000 - Success', senderUniqueReference: 'r', transactionID: 'T-1', outcome: { responseCode: 'A', duplicate: false, responseMessages: [] } }
          : { message: 'MSG0000 - Success', senderUniqueReference: 'r', transactionID: 'T-2', outcome: { responseCode: 'R', duplicate: false, responseMessages: [{ code: 'REG1033' }] } },
      );
      return new Response(JSON.stringify({ messageArray }), { status: 201 });
    }) as typeof fetch;
    const submissions = submissionsOf(JSON.stringify([msg('1000000001'), msg('1000000001'), msg('1000000002')]), undefined, 100);
    const summary = await sendSubmissions('http://registry.test/base', submissions, 'sender', { write: (l) => lines.push(l), fetch: fetchFake, now: () => NOW });
    expect(signers).toEqual(['1000000001 /base/dip-channel/IF-031', '1000000002 /base/dip-channel/IF-031']);
    expect(summary).toEqual({ submissions: 2, messages: 3, accepted: 1, rejected: 1, notProcessed: 0, refusedSubmissions: 1 });
    expect(lines).toEqual(['IF-031 r: A T-1', 'IF-031 r: R REG1033 T-2', 'IF-031 1 message(s) from 1000000002: refused 403 SENDER_NOT_SIGNER: no']);
  });

  it('prints each entry of a 400 that carries an acknowledgement (every entry MSG1001 / MSG1009) with its errors, and counts the submission refused', async () => {
    const lines: string[] = [];
    const fetchFake = (async () =>
      new Response(
        JSON.stringify({
          messageArray: [
            {
              message: 'MSG1001 - Schema validation failure',
              senderUniqueReference: 'r1',
              errors: [
                { path: '$.payload.CommonBlock.S1.senderDIPID', message: 'must be 10 digits' },
                { path: '$.payload.CustomBlock', message: 'is required' },
              ],
            },
            { message: 'MSG1009 - senderUniqueReference already used with a different body', senderUniqueReference: 'r2' },
          ],
        }),
        { status: 400, statusText: 'Bad Request' },
      )) as typeof fetch;
    const submissions = submissionsOf(JSON.stringify([msg('1000000001', 'IF-031', 'r1'), msg('1000000001', 'IF-031', 'r2')]), undefined, 100);
    const summary = await sendSubmissions('http://registry.test', submissions, 'sender', { write: (l) => lines.push(l), fetch: fetchFake, now: () => NOW });
    expect(summary).toEqual({ submissions: 1, messages: 2, accepted: 0, rejected: 0, notProcessed: 2, refusedSubmissions: 1 });
    expect(lines).toEqual([
      'IF-031 2 message(s) from 1000000001: refused 400: Bad Request',
      'IF-031 r1: not processed: MSG1001 - Schema validation failure — $.payload.CommonBlock.S1.senderDIPID: must be 10 digits; $.payload.CustomBlock: is required',
      'IF-031 r2: not processed: MSG1009 - senderUniqueReference already used with a different body',
    ]);
  });

  it('refuses to guess a signer for a message without a sender', async () => {
    const submissions = submissionsOf(JSON.stringify([{ payload: { CommonBlock: { S0: { interfaceID: 'IF-031' } } } }]), undefined, 1);
    await expect(sendSubmissions('http://registry.test', submissions, 'sender', { write: () => undefined, fetch, now: () => NOW })).rejects.toThrow('a message names no S1.senderDIPID to sign as: give --participant or --key');
  });
});
