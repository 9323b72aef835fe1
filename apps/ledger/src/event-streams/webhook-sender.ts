/**
 * The port through which a webhook delivery leaves the process, and its HTTP adapter: one call is
 * one POST of the given raw body with the given headers, through WebhookPoster (public addresses
 * only unless the operator allows private ranges; bounded by a timeout; no redirects). Any 2xx
 * answer is a success, anything else a failure with a reason. No retry inside: the delivery loop
 * decides when to try again.
 */
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { type WebhookOutcome, WebhookPoster, WebhookTargets } from '@strata/runtime';

export type { WebhookOutcome } from '@strata/runtime';

export abstract class WebhookSender {
  abstract post(
    url: string,
    body: string,
    headers: Record<string, string>,
  ): Promise<WebhookOutcome>;
}

export const WEBHOOK_TIMEOUT_MS = 10_000;

@Injectable()
export class HttpWebhookSender extends WebhookSender implements OnModuleDestroy {
  private readonly poster: WebhookPoster;

  constructor(@Inject(WebhookTargets) targets: WebhookTargets) {
    super();
    this.poster = new WebhookPoster(targets, WEBHOOK_TIMEOUT_MS);
  }

  post(url: string, body: string, headers: Record<string, string>): Promise<WebhookOutcome> {
    return this.poster.post(url, body, headers);
  }

  async onModuleDestroy(): Promise<void> {
    await this.poster.close();
  }
}
