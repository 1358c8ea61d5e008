import { bareHost, blockedRange, pinnedLookup, PUBLIC_ONLY, resolveDestination, webhookHostProblem, WebhookDestinationRefused } from './webhook-destination';

/** The webhook destination policy (issue #8): which addresses a webhook may reach. */
describe('webhook destination policy', () => {
  describe('blockedRange', () => {
    it.each([
      // IPv4
      ['0.0.0.0', 'unspecified', '0.0.0.0/8'],
      ['0.1.2.3', 'unspecified', '0.0.0.0/8'],
      ['127.0.0.1', 'loopback', '127.0.0.0/8'],
      ['127.255.255.254', 'loopback', '127.0.0.0/8'],
      ['10.0.0.1', 'private', '10.0.0.0/8'],
      ['172.16.0.1', 'private', '172.16.0.0/12'],
      ['172.31.255.255', 'private', '172.16.0.0/12'],
      ['192.168.1.10', 'private', '192.168.0.0/16'],
      ['100.64.0.1', 'carrier-grade NAT', '100.64.0.0/10'],
      ['100.127.255.254', 'carrier-grade NAT', '100.64.0.0/10'],
      ['169.254.169.254', 'link-local', '169.254.0.0/16'],
      ['192.0.0.8', 'special-purpose', '192.0.0.0/24'],
      ['192.0.2.1', 'documentation', '192.0.2.0/24'],
      ['198.18.0.1', 'benchmarking', '198.18.0.0/15'],
      ['198.51.100.7', 'documentation', '198.51.100.0/24'],
      ['203.0.113.9', 'documentation', '203.0.113.0/24'],
      ['224.0.0.1', 'multicast', '224.0.0.0/4'],
      ['239.255.255.250', 'multicast', '224.0.0.0/4'],
      ['255.255.255.255', 'broadcast', '255.255.255.255/32'],
      ['240.0.0.1', 'reserved', '240.0.0.0/4'],
      // IPv6
      ['::', 'unspecified', '::/128'],
      ['::1', 'loopback', '::1/128'],
      ['0:0:0:0:0:0:0:1', 'loopback', '::1/128'],
      ['fe80::1', 'link-local', 'fe80::/10'],
      ['febf:ffff::1', 'link-local', 'fe80::/10'],
      ['fc00::1', 'private', 'fc00::/7'],
      ['fd12:3456:789a::1', 'private', 'fc00::/7'],
      ['fec0::1', 'private', 'fec0::/10'],
      ['ff02::1', 'multicast', 'ff00::/8'],
      ['2001:db8::1', 'documentation', '2001:db8::/32'],
      ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'special-purpose', '2001::/23'], // Teredo
      ['2002:7f00:1::1', 'special-purpose', '2002::/16'], // 6to4 of 127.0.0.1
      ['64:ff9b::7f00:1', 'special-purpose', '64:ff9b::/96'], // NAT64 of 127.0.0.1
      ['100::1', 'special-purpose', '100::/64'],
      ['::7f00:1', 'reserved', '::/3'], // IPv4-compatible (deprecated)
      ['4000::1', 'reserved', '4000::/2'],
      // IPv4-mapped IPv6: judged as the IPv4 address, in either notation
      ['::ffff:127.0.0.1', 'loopback', '127.0.0.0/8'],
      ['::ffff:7f00:1', 'loopback', '127.0.0.0/8'],
      ['0:0:0:0:0:ffff:a9fe:a9fe', 'link-local', '169.254.0.0/16'],
      ['::ffff:10.1.2.3', 'private', '10.0.0.0/8'],
    ])('%s is %s (%s)', (address, rule, range) => {
      expect(blockedRange(address)).toEqual({ rule, range });
    });

    it.each(['8.8.8.8', '1.1.1.1', '93.184.216.34', '172.15.255.255', '172.32.0.1', '100.63.255.255', '100.128.0.1', '198.20.0.1', '223.255.255.255', '2606:4700:4700::1111', '2a00:1450:4009:81e::200e', '::ffff:8.8.8.8'])(
      '%s is public',
      (address) => {
        expect(blockedRange(address)).toBeNull();
      },
    );

    it('refuses what is not an IP address', () => {
      expect(() => blockedRange('example.org')).toThrow(TypeError);
      expect(() => blockedRange('2130706433')).toThrow(TypeError);
    });
  });

  describe('configuration-time check of a URL host', () => {
    const problem = (url: string) => webhookHostProblem(new URL(url).hostname, PUBLIC_ONLY);

    it.each([
      ['http://127.0.0.1:3999/hook', 'webhookUrl host 127.0.0.1 is a loopback address (127.0.0.0/8)'],
      ['https://169.254.169.254/latest', 'webhookUrl host 169.254.169.254 is a link-local address (169.254.0.0/16)'],
      ['http://10.0.0.5/x', 'webhookUrl host 10.0.0.5 is a private address (10.0.0.0/8)'],
      ['http://[::1]:8080/x', 'webhookUrl host ::1 is a loopback address (::1/128)'],
      ['http://[fd00::1]/x', 'webhookUrl host fd00::1 is a private address (fc00::/7)'],
      ['http://[fe80::1]/x', 'webhookUrl host fe80::1 is a link-local address (fe80::/10)'],
      ['http://[::ffff:169.254.169.254]/x', 'webhookUrl host ::ffff:a9fe:a9fe is a link-local address (169.254.0.0/16)'],
      ['http://100.100.100.200/x', 'webhookUrl host 100.100.100.200 is a carrier-grade NAT address (100.64.0.0/10)'],
      // Odd IPv4 notations, as the URL parser reads them: decimal, hex, octal, short, percent-encoded, full-width digits.
      ['http://2130706433/x', 'webhookUrl host 127.0.0.1 is a loopback address'],
      ['http://0x7f.0x0.0x0.0x1/x', 'webhookUrl host 127.0.0.1 is a loopback address'],
      ['http://0x7f000001/x', 'webhookUrl host 127.0.0.1 is a loopback address'],
      ['http://0177.0.0.1/x', 'webhookUrl host 127.0.0.1 is a loopback address'],
      ['http://127.1/x', 'webhookUrl host 127.0.0.1 is a loopback address'],
      ['http://%31%32%37.0.0.1/x', 'webhookUrl host 127.0.0.1 is a loopback address'],
      ['http://０x7f.1/x', 'webhookUrl host 127.0.0.1 is a loopback address'],
      ['http://0/x', 'webhookUrl host 0.0.0.0 is an unspecified address'],
      ['http://169.254.169.254./x', 'webhookUrl host 169.254.169.254 is a link-local address'],
      ['http://localhost:3000/x', `webhookUrl host "localhost" is the registry's own loopback interface`],
      ['http://LOCALHOST./x', `webhookUrl host "localhost" is the registry's own loopback interface`],
      ['http://api.localhost/x', `webhookUrl host "api.localhost" is the registry's own loopback interface`],
    ])('%s is refused: %s', (url, message) => {
      const found = problem(url);
      expect(found).toContain(message);
      expect(found).toContain('webhooks may only point to public addresses');
    });

    it.each(['https://hooks.example.org/dip', 'https://8.8.8.8/x', 'https://[2606:4700:4700::1111]/x', 'https://localhost.example.org/x', 'https://10.example.org/x'])(
      '%s passes (host names are checked again at delivery)',
      (url) => {
        expect(problem(url)).toBeNull();
      },
    );

    it('allows every address when private networks are allowed', () => {
      for (const url of ['http://127.0.0.1:3999/hook', 'http://localhost/x', 'http://[fd00::1]/x']) {
        expect(webhookHostProblem(new URL(url).hostname, { allowPrivateNetworks: true })).toBeNull();
      }
    });

    it('reads a URL hostname as a bare name or address', () => {
      expect([bareHost('[::1]'), bareHost('Example.ORG.'), bareHost('10.0.0.1')]).toEqual(['::1', 'example.org', '10.0.0.1']);
    });
  });

  describe('delivery-time check on the resolved addresses', () => {
    const resolver = (answers: Record<string, Array<{ address: string; family: number }>>) => {
      const asked: string[] = [];
      const resolve = (host: string) => {
        asked.push(host);
        return Promise.resolve(answers[host] ?? []);
      };
      return { resolve, asked };
    };

    it('refuses a name that resolves to a private address, though the URL passed the configuration check', async () => {
      const url = new URL('https://rebind.example.org/hook');
      expect(webhookHostProblem(url.hostname, PUBLIC_ONLY)).toBeNull();
      const { resolve, asked } = resolver({ 'rebind.example.org': [{ address: '10.1.2.3', family: 4 }] });
      const refusal = resolveDestination(url.hostname, PUBLIC_ONLY, resolve);
      await expect(refusal).rejects.toThrow(WebhookDestinationRefused);
      await expect(refusal).rejects.toMatchObject({
        message: 'destination refused: rebind.example.org resolves to a private address (10.0.0.0/8)',
        detail: 'rebind.example.org resolved to 10.1.2.3',
        code: 'EWEBHOOKDESTINATION',
      });
      expect(asked).toEqual(['rebind.example.org']);
    });

    it('refuses when ANY address is not public (one public answer does not launder a private one)', async () => {
      const { resolve } = resolver({ 'mixed.example.org': [{ address: '93.184.216.34', family: 4 }, { address: 'fe80::1', family: 6 }] });
      await expect(resolveDestination('mixed.example.org', PUBLIC_ONLY, resolve)).rejects.toThrow(
        'destination refused: mixed.example.org resolves to a link-local address (fe80::/10)',
      );
      const mapped = resolver({ 'mapped.example.org': [{ address: '::ffff:169.254.169.254', family: 6 }] });
      await expect(resolveDestination('mapped.example.org', PUBLIC_ONLY, mapped.resolve)).rejects.toThrow('resolves to a link-local address (169.254.0.0/16)');
    });

    it('returns every address of a public name, and checks literal addresses without resolving', async () => {
      const { resolve, asked } = resolver({ 'hooks.example.org': [{ address: '93.184.216.34', family: 4 }, { address: '2606:2800:220:1::1', family: 6 }] });
      await expect(resolveDestination('hooks.example.org', PUBLIC_ONLY, resolve)).resolves.toEqual([
        { address: '93.184.216.34', family: 4 },
        { address: '2606:2800:220:1::1', family: 6 },
      ]);
      await expect(resolveDestination('[::1]', PUBLIC_ONLY, resolve)).rejects.toThrow('destination refused: ::1 is a loopback address (::1/128)');
      await expect(resolveDestination('localhost', PUBLIC_ONLY, resolve)).rejects.toThrow("destination refused: localhost is the registry's own loopback interface");
      await expect(resolveDestination('8.8.8.8', PUBLIC_ONLY, resolve)).resolves.toEqual([{ address: '8.8.8.8', family: 4 }]);
      expect(asked).toEqual(['hooks.example.org']);
    });

    it('lets private addresses through when allowed, and reports a name without addresses as ENOTFOUND', async () => {
      const { resolve } = resolver({ 'receiver.test': [{ address: '127.0.0.1', family: 4 }] });
      const allow = { allowPrivateNetworks: true };
      await expect(resolveDestination('receiver.test', allow, resolve)).resolves.toEqual([{ address: '127.0.0.1', family: 4 }]);
      await expect(resolveDestination('127.0.0.1', allow, resolve)).resolves.toEqual([{ address: '127.0.0.1', family: 4 }]);
      await expect(resolveDestination('nowhere.test', allow, resolve)).rejects.toMatchObject({ code: 'ENOTFOUND' });
    });
  });

  describe('pinnedLookup', () => {
    const lookup = pinnedLookup([
      { address: '93.184.216.34', family: 4 },
      { address: '2606:2800:220:1::1', family: 6 },
    ]);
    const call = (options: Parameters<typeof lookup>[1]) =>
      new Promise<unknown[]>((resolve) => lookup('hooks.example.org', options, (...args: unknown[]) => resolve(args)));

    it('answers with the vetted addresses only, as one address or all, by family', async () => {
      expect(await call({})).toEqual([null, '93.184.216.34', 4]);
      expect(await call({ family: 6 })).toEqual([null, '2606:2800:220:1::1', 6]);
      expect(await call({ all: true })).toEqual([null, [{ address: '93.184.216.34', family: 4 }, { address: '2606:2800:220:1::1', family: 6 }]]);
      expect(await call({ all: true, family: 4 })).toEqual([null, [{ address: '93.184.216.34', family: 4 }]]);
      const v4only = pinnedLookup([{ address: '93.184.216.34', family: 4 }]);
      const [error] = await new Promise<unknown[]>((resolve) => v4only('hooks.example.org', { family: 6 }, (...args: unknown[]) => resolve(args)));
      expect(error).toMatchObject({ code: 'ENOTFOUND' });
    });
  });
});
