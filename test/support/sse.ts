/** A Server-Sent Events client for tests: reads frames from a streamed fetch as they arrive. */
export interface SseFrame {
  id?: string;
  event?: string;
  data: string;
}

export interface SseStream {
  status: number;
  contentType: string | null;
  frames: SseFrame[];
  /** The body as JSON when the answer was not a stream (a problem document). */
  problem?: Record<string, unknown>;
  close(): void;
}

function parseFrame(block: string): SseFrame | undefined {
  const frame: SseFrame = { data: '' };
  let hasData = false;
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') frame.id = value;
    if (field === 'event') frame.event = value;
    if (field === 'data') {
      frame.data = hasData ? `${frame.data}\n${value}` : value;
      hasData = true;
    }
  }
  return hasData ? frame : undefined;
}

export async function openSse(
  url: string,
  token: string,
  headers: Record<string, string> = {},
): Promise<SseStream> {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  });
  const stream: SseStream = {
    status: response.status,
    contentType: response.headers.get('content-type'),
    frames: [],
    close: () => controller.abort(),
  };
  if (!stream.contentType?.startsWith('text/event-stream') || !response.body) {
    stream.problem = (await response.json()) as Record<string, unknown>;
    return stream;
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let pending = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        pending += value;
        let end: number;
        while ((end = pending.indexOf('\n\n')) >= 0) {
          const frame = parseFrame(pending.slice(0, end));
          pending = pending.slice(end + 2);
          if (frame) stream.frames.push(frame);
        }
      }
    } catch {
      // Aborted by close().
    }
  })();
  return stream;
}
