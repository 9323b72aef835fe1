import fc from 'fast-check';
import { createHmac } from 'node:crypto';
import { newWebhookSecret, signWebhookBody, verifyWebhookSignature } from './webhook-signature';

describe('webhook signatures', () => {
  it('signs the raw body with HMAC-SHA256 of the hex secret, as a receiver recomputes it', () => {
    const secret = newWebhookSecret();
    const body = '{"streamId":"s","sequence":1}';
    const expected = createHmac('sha256', Buffer.from(secret, 'hex')).update(body).digest('hex');
    expect(signWebhookBody(secret, body)).toBe(`sha256=${expected}`);
  });

  it('verifies its own signature and refuses any other body, secret or header', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (body, other) => {
        const secret = newWebhookSecret();
        const header = signWebhookBody(secret, body);
        expect(verifyWebhookSignature(secret, body, header)).toBe(true);
        if (other !== body) expect(verifyWebhookSignature(secret, other, header)).toBe(false);
        expect(verifyWebhookSignature(newWebhookSecret(), body, header)).toBe(false);
        expect(verifyWebhookSignature(secret, body, undefined)).toBe(false);
        expect(verifyWebhookSignature(secret, body, header.slice(0, -1))).toBe(false);
      }),
    );
  });

  it('generates a fresh 32-byte secret each time', () => {
    const secrets = new Set(Array.from({ length: 50 }, newWebhookSecret));
    expect(secrets.size).toBe(50);
    for (const s of secrets) expect(s).toMatch(/^[0-9a-f]{64}$/);
  });
});
