/**
 * Which log events belong to a stream after its position: the network, the filter (listener,
 * address, event signature) and, while replaying, only events from the replay block up to the
 * sequence the stream had reached when the replay was asked for.
 */
import type { FilterQuery } from '@mikro-orm/core';
import { getAddress } from 'ethers';
import type { EventStream } from './event-stream.entity';
import type { StreamLogEvent } from './stream-log-event.entity';

type Selection = FilterQuery<StreamLogEvent>;

export function streamSelection(stream: EventStream, after: number): Selection {
  const where: Record<string, unknown> = { networkId: stream.networkId, seq: { $gt: after } };
  if (stream.filter.listenerId) where.listenerId = stream.filter.listenerId;
  if (stream.filter.address) where.address = getAddress(stream.filter.address);
  if (stream.filter.event) where.signature = stream.filter.event;
  if (stream.replayUntil != null && stream.replayFromBlock != null && after < stream.replayUntil) {
    where.$or = [
      { seq: { $gt: stream.replayUntil } },
      { blockNumber: { $gte: stream.replayFromBlock } },
    ];
  }
  return where;
}
