import { createPublicKey } from 'node:crypto';
import { CommanderError } from 'commander';
import { sampleKeyPair } from '../client/sample-keys';
import { sampleDipKeyring } from '../testing/sample-keyring';
import { verifyDipRequest } from '../verify-dip-request';
import { dipSignCommand, DipSignCommandIo, SignRequestError } from './dip-sign.command';

const NOW = '2025-04-01T09:00:00.000Z';
const BODY = Buffer.from('[{"payload":{"CommonBlock":{},"CustomBlock":{}}}]\n');
const supplier = sampleKeyPair('1000000001');

/** Runs `sign-request` with `args`; returns what it printed. Files: body.json, key.pem, cert.pem, pub.pem. */
async function run(...args: string[]): Promise<string> {
  let out = '';
  const files: Record<string, Buffer> = {
    'body.json': BODY,
    'key.pem': Buffer.from(supplier.privateKeyPem),
    'cert.pem': Buffer.from(supplier.certificatePem),
    'pub.pem': Buffer.from(createPublicKey(supplier.certificatePem).export({ type: 'spki', format: 'pem' }).toString()),
  };
  const io: DipSignCommandIo = {
    write: (text) => {
      out += text;
    },
    readFile: (path) => {
      if (!(path in files)) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
      return files[path];
    },
    now: () => new Date(NOW),
  };
  await dipSignCommand(io)
    .exitOverride()
    .configureOutput({ writeErr: () => undefined })
    .parseAsync(args, { from: 'user' });
  return out;
}

function verifies(headers: Record<string, string>, url = '/dip-channel/IF-031', body: Buffer = BODY) {
  return verifyDipRequest({ method: 'POST', url, rawBody: body, headers, now: NOW, maxSkewMs: 0, production: false, keyring: sampleDipKeyring() });
}

describe('sign-request (CLI)', () => {
  it('prints the four headers as Name: value lines for a sample participant, hashing the body file byte for byte', async () => {
    const out = await run('--participant', '1000000001', '--url', '/dip-channel/IF-031', '--body-file', 'body.json');
    const lines = out.trimEnd().split('\n');
    expect(lines.map((l) => l.split(': ')[0])).toEqual(['X-DIP-Signature-Date', 'X-DIP-Content-Hash', 'X-DIP-Signature-Certificate', 'X-DIP-Signature']);
    const headers = Object.fromEntries(lines.map((l) => l.split(': ') as [string, string]));
    expect(headers['X-DIP-Signature-Date']).toBe(NOW);
    expect(verifies(headers).dipId).toBe('1000000001');
  });

  it('prints JSON, and signs with a key and certificate from files', async () => {
    const headers = JSON.parse(await run('--key', 'key.pem', '--cert', 'cert.pem', '-u', 'https://regs.example.org/dip-channel/IF-031', '--body-file', 'body.json', '-f', 'json'));
    expect(verifies(headers).dipId).toBe('1000000001');
  });

  it('prints curl arguments, with a bare public key, a method, a text body and an instant', async () => {
    const out = await run('--key', 'key.pem', '--public-key', 'pub.pem', '-X', 'put', '-u', '/x?y=1', '--body', 'hi', '--now', '2025-04-01T10:00:00+01:00', '--format', 'curl');
    expect(out).toMatch(/^-H 'X-DIP-Signature-Date: 2025-04-01T09:00:00.000Z' -H 'X-DIP-Content-Hash: [^']+' -H 'X-DIP-Signature-Certificate: [^']+' -H 'X-DIP-Signature: [^']+'\n$/);
    const headers = Object.fromEntries([...out.matchAll(/-H '([^:]+): ([^']+)'/g)].map((m) => [m[1], m[2]]));
    expect(verifyDipRequest({ method: 'PUT', url: '/x?y=1', rawBody: Buffer.from('hi'), headers, now: NOW, maxSkewMs: 0, production: false, keyring: sampleDipKeyring() }).dipId).toBe('1000000001');
  });

  it.each([
    [['--url', '/x'], 'error: give --participant <dipId> (a sample key) or --key <file> with --cert <file> or --public-key <file>'],
    [['--participant', '1000000001', '--key', 'key.pem', '--url', '/x'], 'error: give --participant (a sample key) or --key with --cert / --public-key, not both'],
    [['--key', 'key.pem', '--url', '/x'], 'error: with --key, give exactly one of --cert and --public-key'],
    [['--key', 'key.pem', '--cert', 'cert.pem', '--public-key', 'pub.pem', '--url', '/x'], 'error: with --key, give exactly one of --cert and --public-key'],
    [['--participant', '1000000001', '--url', '/x', '--body', 'a', '--body-file', 'body.json'], 'error: give --body or --body-file, not both'],
    [['--participant', '1000000001'], "error: required option '-u, --url <url>' not specified"],
    [['--participant', '1000000001', '--url', '/x', '--format', 'xml'], "error: option '-f, --format <format>' argument 'xml' is invalid. Allowed choices are headers, json, curl."],
    [['--participant', '1000000001', '--url', '/x', '--now', 'soon'], 'error: option \'--now <instant>\' argument \'soon\' is invalid. expected an ISO 8601 instant with Z or an offset, e.g. 2025-06-01T09:30:00Z, got "soon"'],
    [['--participant', '1000000001', '--url', '/x', '--now', '2025-06-01'], 'error: option \'--now <instant>\' argument \'2025-06-01\' is invalid. expected an ISO 8601 instant with Z or an offset, e.g. 2025-06-01T09:30:00Z, got "2025-06-01"'],
  ])('refuses %j as a usage error (exit code 2), with a one-line message', async (args, message) => {
    const error = await run(...args).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CommanderError);
    expect(error).toMatchObject({ exitCode: expect.any(Number), message });
    expect((error as CommanderError).exitCode).toBeGreaterThan(0);
  });

  it.each([
    [['--participant', '1000000001', '--url', '/x', '--body-file', 'nope.json'], 'cannot read --body-file nope.json: no such file'],
    [['--key', 'missing.pem', '--cert', 'cert.pem', '--url', '/x'], 'cannot read --key missing.pem: no such file'],
  ])('fails %j with a SignRequestError naming the problem', async (args, message) => {
    const error = await run(...args).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SignRequestError);
    expect((error as Error).message).toContain(message);
  });
});
