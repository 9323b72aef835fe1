/** Parks a message that could not be processed on `<topic>.dlq`, with why and where it came from. */
import type { KafkaMessage } from 'kafkajs';
import { Topics } from '@strata/contracts';
import { createEnvelope } from './envelopes';
import type { KafkaBus } from './kafka-bus';

export interface DeadLetter {
  topic: string;
  partition: number;
  message: KafkaMessage;
  consumer: string;
  reason: string;
  attempts: number;
}

export async function publishDeadLetter(bus: KafkaBus, letter: DeadLetter): Promise<void> {
  const dlqTopic = Topics.deadLetter(letter.topic);
  await bus.publish([
    {
      topic: dlqTopic,
      key: letter.message.key?.toString('utf8') ?? '',
      envelope: createEnvelope({
        type: dlqTopic,
        payload: {
          originalTopic: letter.topic,
          partition: letter.partition,
          offset: letter.message.offset,
          consumer: letter.consumer,
          reason: letter.reason,
          attempts: letter.attempts,
          value: letter.message.value?.toString('utf8') ?? null,
        },
      }),
    },
  ]);
}
