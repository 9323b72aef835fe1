/**
 * Asking the app that owns some data over Kafka request/reply, the same way for every owner: a
 * reply's problem becomes the same problem+json; no reply in time is a 504, a bus failure a 503,
 * an answer of the wrong shape a 502.
 */
import type { Logger } from '@nestjs/common';
import { BusTimeoutError, type Requester } from '@strata/bus';
import type { Actor } from '@strata/contracts';
import type { z } from 'zod';
import { gatewayProblem } from '../problems/catalog';
import { ProblemException } from '../problems/problem';

export interface OwnerQuestion {
  /** The owning app as people name it in problem details, e.g. "the ledger". */
  owner: string;
  topic: string;
  key: string;
  payload: { query: string };
  actor: Actor | undefined;
  timeoutMs: number;
}

export async function askOwner<S extends z.ZodType>(
  requester: Requester,
  logger: Logger,
  question: OwnerQuestion,
  result: S,
): Promise<z.output<S>> {
  let reply;
  try {
    reply = await requester.request(
      question.topic,
      { key: question.key, payload: question.payload, actor: question.actor },
      question.timeoutMs,
    );
  } catch (error) {
    if (error instanceof BusTimeoutError) {
      throw new ProblemException(
        gatewayProblem('upstream-timeout', { detail: `${question.owner} did not answer in time` }),
      );
    }
    logger.error(
      `${question.owner}: query failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    throw new ProblemException(
      gatewayProblem('service-unavailable', { detail: `${question.owner} cannot be reached` }),
    );
  }
  if (!reply.ok) throw ProblemException.fromBus(reply.problem);
  const parsed = result.safeParse(reply.result);
  if (!parsed.success) {
    logger.error(
      `${question.owner} answered ${question.payload.query} with an unexpected shape: ${parsed.error.message}`,
    );
    throw new ProblemException(gatewayProblem('bad-upstream-reply'));
  }
  return parsed.data;
}
