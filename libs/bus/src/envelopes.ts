/** Building, encoding and decoding the envelope every Kafka message carries. */
import { randomUUID } from 'node:crypto';
import { type Actor, type Envelope, envelopeSchema } from '@strata/contracts';

export interface EnvelopeFields {
  type: string;
  payload: unknown;
  id?: string;
  actor?: Actor;
  correlationId?: string;
  causationId?: string;
  replyTo?: string;
  occurredAt?: Date;
}

export function createEnvelope(fields: EnvelopeFields): Envelope {
  return {
    id: fields.id ?? randomUUID(),
    type: fields.type,
    occurredAt: (fields.occurredAt ?? new Date()).toISOString(),
    correlationId: fields.correlationId,
    causationId: fields.causationId,
    replyTo: fields.replyTo,
    actor: fields.actor,
    payload: fields.payload,
  };
}

export function encodeEnvelope(envelope: Envelope): Buffer {
  return Buffer.from(JSON.stringify(envelope));
}

export class MalformedEnvelopeError extends Error {
  constructor(reason: string) {
    super(`malformed envelope: ${reason}`);
    this.name = 'MalformedEnvelopeError';
  }
}

/** Parses a raw Kafka value; throws {@link MalformedEnvelopeError} for anything that is not an envelope. */
export function decodeEnvelope(value: Buffer | null): Envelope {
  if (!value) throw new MalformedEnvelopeError('empty message');
  let json: unknown;
  try {
    json = JSON.parse(value.toString('utf8'));
  } catch {
    throw new MalformedEnvelopeError('not JSON');
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success)
    throw new MalformedEnvelopeError(
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  return parsed.data;
}
