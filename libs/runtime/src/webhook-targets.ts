/**
 * Where webhooks may go: public unicast addresses only, unless an operator allows private ranges
 * (`STRATA_WEBHOOK_ALLOWED_PRIVATE_CIDRS`). Webhook URLs are chosen by the people using the
 * platform (event streams, alert webhooks), and the apps sit inside the operator's network, so
 * without this a URL could make an app POST to the cloud metadata service, Keycloak's admin API or
 * any other internal port and read back the status (server-side request forgery). WebhookPoster
 * checks the address it actually connects to (after DNS), so a name that resolves to a private
 * address — now or after a rebinding — is refused too. Classification by ipaddr.js (the library
 * express uses for `trust proxy`).
 */
import ipaddr from 'ipaddr.js';
import { z } from 'zod';

/** The `STRATA_WEBHOOK_ALLOWED_PRIVATE_CIDRS` setting of an app's config schema. */
export const allowedPrivateCidrsSetting = z
  .string()
  .default('')
  .refine(
    (value) =>
      value
        .split(',')
        .map((cidr) => cidr.trim())
        .every((cidr) => cidr === '' || ipaddr.isValidCIDR(cidr)),
    'must be comma-separated CIDRs, e.g. 10.0.0.0/8,fd00::/8',
  );

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

export class WebhookTargets {
  private readonly allowed: Cidr[];

  /** `allowedPrivateCidrs`: e.g. `10.20.0.0/16, 127.0.0.0/8` (IPv4 and IPv6). */
  constructor(allowedPrivateCidrs: readonly string[] = []) {
    this.allowed = allowedPrivateCidrs.map((cidr) => ipaddr.parseCIDR(cidr.trim()));
  }

  /** Parses the setting: comma-separated CIDRs; throws on anything that is not one. */
  static fromSetting(setting: string): WebhookTargets {
    const cidrs = setting
      .split(',')
      .map((cidr) => cidr.trim())
      .filter((cidr) => cidr.length > 0);
    const invalid = cidrs.find((cidr) => !ipaddr.isValidCIDR(cidr));
    if (invalid !== undefined) throw new Error(`not a CIDR: "${invalid}"`);
    return new WebhookTargets(cidrs);
  }

  /** Why `address` (an IP address) may not receive webhooks, or null when it may. */
  refusal(address: string): string | null {
    if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
    // IPv4-mapped IPv6 addresses (::ffff:10.0.0.1) are judged as the IPv4 address they carry.
    const ip = ipaddr.process(address);
    const range = ip.range();
    if (range === 'unicast') return null;
    if (this.allowed.some(([net, bits]) => net.kind() === ip.kind() && ip.match(net, bits))) {
      return null;
    }
    return `${ip.toString()} is a ${range} address, not a public one (allow private ranges with STRATA_WEBHOOK_ALLOWED_PRIVATE_CIDRS)`;
  }

  /**
   * For a URL whose host is an IP literal, why it may not receive webhooks (null when it may, or
   * when the host is a name: names are checked when they are resolved, at delivery).
   */
  refusalOfUrl(url: string): string | null {
    const host = new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
    return ipaddr.isValid(host) ? this.refusal(host) : null;
  }
}
