/**
 * The status stream's event ids (SSE `id`, sent back as `Last-Event-ID`):
 * `<instance>.<seq>.<watermark>` — the gateway instance that sent it (8 hex digits, new at each
 * start), the event's position in that instance's stream, and the latest `updatedAt` (epoch ms)
 * the connection had delivered. The instance that wrote it resumes from its buffer by `seq`; any
 * other (or the same after a restart) catches the client up from the ledger by `watermark`.
 */
export interface StreamCursor {
  instance: string;
  seq: number;
  watermark: number;
}

const CURSOR = /^([0-9a-f]{8})\.(\d{1,15})\.(\d{1,15})$/;

export function formatStreamCursor(cursor: StreamCursor): string {
  return `${cursor.instance}.${cursor.seq}.${cursor.watermark}`;
}

/** The cursor an id names, or undefined for anything else (an older format, garbage). */
export function parseStreamCursor(id: string | undefined): StreamCursor | undefined {
  const match = CURSOR.exec(id ?? '');
  if (!match) return undefined;
  return { instance: match[1], seq: Number(match[2]), watermark: Number(match[3]) };
}
