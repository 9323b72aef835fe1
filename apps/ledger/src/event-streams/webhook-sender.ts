/**
 * The port through which a webhook delivery leaves the process, and its HTTP adapter. One call
 * is one POST of the given raw body with the given headers, bounded by a timeout; any 2xx answer
 * is a success, anything else (status, refused connection, timeout) a failure with a reason.
 * No retry inside: the delivery loop decides when to try again.
 */
import { Injectable } from '@nestjs/common';

export type WebhookOutcome = { ok: true } | { ok: false; reason: string };

export abstract class WebhookSender {
  abstract post(
    url: string,
    body: string,
    headers: Record<string, string>,
  ): Promise<WebhookOutcome>;
}

export const WEBHOOK_TIMEOUT_MS = 10_000;

@Injectable()
export class FetchWebhookSender extends WebhookSender {
  async post(url: string, body: string, headers: Record<string, string>): Promise<WebhookOutcome> {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
      await response.arrayBuffer().catch(() => undefined);
      if (response.status >= 200 && response.status < 300) return { ok: true };
      return { ok: false, reason: `HTTP ${response.status}` };
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      return {
        ok: false,
        reason: cause ?? (error instanceof Error ? error.message : String(error)),
      };
    }
  }
}
