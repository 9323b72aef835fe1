/**
 * A webhook delivery that failed its stream's bounded attempts. The stream moved past it (its
 * other events are not blocked); a re-drive marks it `redriving`, and the stream delivers it
 * again before its next log event.
 */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { DeadLetter } from '@strata/contracts';

export const StreamDeadLetter = defineEntity({
  name: 'StreamDeadLetter',
  tableName: 'stream_dead_letter',
  uniques: [{ properties: ['streamId', 'seq'] }],
  properties: {
    id: p.uuid().primary(),
    streamId: p.uuid().index(),
    seq: p.bigint('number'),
    eventId: p.string().length(140),
    removed: p.boolean(),
    blockNumber: p.bigint('number'),
    status: p.string().length(20).$type<DeadLetter['status']>(),
    attempts: p.integer(),
    lastError: p.string().length(1000),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
export type StreamDeadLetter = InferEntity<typeof StreamDeadLetter>;

export function toDeadLetterDto(letter: StreamDeadLetter): DeadLetter {
  return {
    id: letter.id,
    streamId: letter.streamId,
    sequence: letter.seq,
    eventId: letter.eventId,
    removed: letter.removed,
    blockNumber: String(letter.blockNumber),
    status: letter.status,
    attempts: letter.attempts,
    lastError: letter.lastError,
    createdAt: letter.createdAt.toISOString(),
    updatedAt: letter.updatedAt.toISOString(),
  };
}
