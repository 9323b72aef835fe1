/**
 * Webhook signatures: `Strata-Signature: sha256=<hex HMAC-SHA256 of the raw body>` with the
 * stream's secret (32 random bytes, hex). Receivers verify over the bytes they received, before
 * parsing, with a constant-time comparison (docs/event-streams.md).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'strata-signature';

export function newWebhookSecret(): string {
  return randomBytes(32).toString('hex');
}

export function signWebhookBody(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', Buffer.from(secret, 'hex')).update(body).digest('hex')}`;
}

export function verifyWebhookSignature(
  secret: string,
  body: string | Buffer,
  header: string | undefined,
): boolean {
  if (!header) return false;
  const expected = Buffer.from(signWebhookBody(secret, body));
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
