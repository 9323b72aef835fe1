/**
 * Follows a Server-Sent Events stream of the API with the caller's bearer token — through fetch,
 * since the browser's EventSource cannot send one — and the well-kept `eventsource-parser` for
 * the framing. After a drop it reconnects with `Last-Event-ID` (the gateway sends what changed
 * meanwhile, or `resync` when it cannot), waiting the server's `retry` delay, doubled per
 * failure up to 30 s. Every event with an `id` moves the resume point, `ready` ones included.
 */
import { createParser } from 'eventsource-parser';

export interface StreamHandlers {
  /** One event: its `event` field (type) and `data`. */
  onEvent(type: string | undefined, data: string): void;
  /** Whether the stream is connected right now. */
  onLive(live: boolean): void;
}

const MAX_DELAY_MS = 30_000;

/** Starts following `url`; the returned function stops. */
export function followEventStream(
  url: string,
  accessToken: () => Promise<string>,
  handlers: StreamHandlers,
): () => void {
  const controller = new AbortController();
  let lastEventId: string | undefined;
  let retryMs = 3_000;
  const parser = createParser({
    onEvent: (event) => {
      if (event.id) lastEventId = event.id;
      handlers.onEvent(event.event, event.data);
    },
    onRetry: (ms) => {
      retryMs = ms;
    },
  });

  const connectOnce = async (): Promise<void> => {
    const response = await fetch(url, {
      headers: {
        authorization: `Bearer ${await accessToken()}`,
        accept: 'text/event-stream',
        ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
      },
      signal: controller.signal,
    });
    if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
    handlers.onLive(true);
    parser.reset();
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      parser.feed(value);
    }
  };

  void (async () => {
    for (let failures = 0; !controller.signal.aborted; failures++) {
      try {
        await connectOnce();
        failures = 0;
      } catch {
        // Refused, unreachable or dropped: try again after the delay below.
      }
      if (controller.signal.aborted) return;
      handlers.onLive(false);
      const delay = Math.min(MAX_DELAY_MS, retryMs * 2 ** failures);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  })();
  return () => controller.abort();
}
