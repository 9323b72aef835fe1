/**
 * POSTs webhook bodies to URLs chosen by the platform's users, only ever connecting to addresses
 * WebhookTargets allows: an IP-literal host is checked before anything is sent, a host name on
 * every address it resolves to, through the connection's own DNS lookup (so the address checked
 * is the address connected to). One call is one POST bounded by a timeout, redirects are not
 * followed; any 2xx answer is a success, anything else (status, refused connection, timeout, a
 * refused target) a failure with a reason. No retry inside: callers decide.
 */
import { lookup, type LookupAddress, type LookupAllOptions, type LookupOptions } from 'node:dns';
import { Agent, request } from 'undici';
import type { WebhookTargets } from './webhook-targets';

export type WebhookOutcome = { ok: true } | { ok: false; reason: string };

/** A resolved address the targets refuse: the connection is never opened. */
class RefusedTarget extends Error {
  readonly code = 'EREFUSEDTARGET';
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

export class WebhookPoster {
  private readonly agent: Agent;

  constructor(
    private readonly targets: WebhookTargets,
    private readonly timeoutMs: number,
  ) {
    const guardedLookup = (
      hostname: string,
      options: LookupOptions,
      callback: LookupCallback,
    ): void => {
      const all: LookupAllOptions = { ...options, all: true };
      lookup(hostname, all, (error, addresses) => {
        if (error) return callback(error, []);
        // Every address the name resolves to must be allowed, not only the first one tried.
        const refusal = addresses.map((a) => this.targets.refusal(a.address)).find(Boolean);
        if (refusal) return callback(new RefusedTarget(`${hostname}: ${refusal}`), []);
        if (options.all) return callback(null, addresses);
        callback(null, addresses[0].address, addresses[0].family);
      });
    };
    this.agent = new Agent({
      connect: { lookup: guardedLookup, timeout: timeoutMs },
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
  }

  async post(url: string, body: string, headers: Record<string, string>): Promise<WebhookOutcome> {
    // An IP literal is connected to without a lookup: checked here.
    const literal = this.targets.refusalOfUrl(url);
    if (literal) return { ok: false, reason: `refused: ${literal}` };
    try {
      const response = await request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
        dispatcher: this.agent,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      await response.body.dump().catch(() => undefined);
      if (response.statusCode >= 200 && response.statusCode < 300) return { ok: true };
      return { ok: false, reason: `HTTP ${response.statusCode}` };
    } catch (error) {
      if (error instanceof RefusedTarget) return { ok: false, reason: `refused: ${error.message}` };
      const code = (error as { code?: string }).code;
      return {
        ok: false,
        reason: code ?? (error instanceof Error ? error.message : String(error)),
      };
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
