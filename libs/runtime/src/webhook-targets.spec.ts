import fc from 'fast-check';
import { WebhookTargets } from './webhook-targets';

describe('webhook targets', () => {
  const publicOnly = new WebhookTargets();

  it('lets public unicast addresses receive webhooks', () => {
    for (const address of ['8.8.8.8', '193.5.72.10', '2001:4860:4860::8888'])
      expect(publicOnly.refusal(address)).toBeNull();
  });

  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.9', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:127.0.0.1', 'loopback'],
  ])('refuses %s (%s)', (address, range) => {
    expect(publicOnly.refusal(address)).toContain(`is a ${range} address`);
  });

  it('refuses every address of a private range unless its CIDR is allowed', () => {
    const allowing = WebhookTargets.fromSetting(' 10.20.0.0/16 , fd00::/8 ');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), (c, d) => {
        expect(publicOnly.refusal(`10.20.${c}.${d}`)).not.toBeNull();
        expect(allowing.refusal(`10.20.${c}.${d}`)).toBeNull();
        expect(allowing.refusal(`10.21.${c}.${d}`)).not.toBeNull();
        expect(allowing.refusal(`127.0.${c}.${d}`)).not.toBeNull();
      }),
    );
    expect(allowing.refusal('fd12::1')).toBeNull();
    expect(allowing.refusal('fe80::1')).not.toBeNull();
  });

  it('judges IP-literal URLs now and leaves host names to their resolution', () => {
    expect(publicOnly.refusalOfUrl('http://169.254.169.254/latest/meta-data')).toContain(
      'linkLocal',
    );
    expect(publicOnly.refusalOfUrl('http://[::1]:8080/hook')).toContain('loopback');
    // WHATWG URL parsing normalises other IPv4 spellings first.
    expect(publicOnly.refusalOfUrl('http://0x7f000001/hook')).toContain('loopback');
    expect(publicOnly.refusalOfUrl('http://2130706433/hook')).toContain('loopback');
    expect(publicOnly.refusalOfUrl('https://hooks.example.org/strata')).toBeNull();
    expect(publicOnly.refusalOfUrl('https://8.8.8.8/strata')).toBeNull();
  });

  it('never throws on any address text, and refuses what is not an address', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const refusal = publicOnly.refusal(text);
        if (refusal === null) expect(text).toMatch(/^[0-9a-f:.]+$/i);
      }),
    );
    expect(publicOnly.refusal('localhost')).toContain('not an IP address');
  });

  it('refuses a setting that is not a list of CIDRs', () => {
    expect(() => WebhookTargets.fromSetting('10.0.0.0/8,not-a-cidr')).toThrow('not a CIDR');
    expect(() => WebhookTargets.fromSetting('10.0.0.1')).toThrow('not a CIDR');
    expect(WebhookTargets.fromSetting('').refusal('127.0.0.1')).not.toBeNull();
  });
});
