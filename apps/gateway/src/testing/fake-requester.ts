/** A scriptable in-memory {@link Requester} for tests: records requests, answers with a handler. */
import { BusTimeoutError, Requester, type BusRequest } from '@strata/bus';
import type { Reply } from '@strata/contracts';

export interface RecordedRequest {
  topic: string;
  request: BusRequest;
  timeoutMs?: number;
}

export type ReplyHandler = (
  topic: string,
  request: BusRequest,
) => Reply | 'timeout' | Promise<Reply | 'timeout'>;

export class FakeRequester extends Requester {
  readonly requests: RecordedRequest[] = [];

  constructor(public handler: ReplyHandler = () => 'timeout') {
    super();
  }

  async request<R>(topic: string, request: BusRequest, timeoutMs?: number): Promise<Reply<R>> {
    this.requests.push({ topic, request: structuredClone(request), timeoutMs });
    const reply = await this.handler(topic, request);
    if (reply === 'timeout') throw new BusTimeoutError(topic, request.id ?? 'n/a', timeoutMs ?? 0);
    return reply as Reply<R>;
  }
}
