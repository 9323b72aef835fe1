/**
 * A POST answered `202 { operationId, status: "pending" }` (the owner replied after the gateway's
 * reply timeout, e.g. on a loaded machine) is followed to its outcome, so tests assert on what the
 * owner decided, not on how fast it answered.
 */
import type { Api, RawResponse } from './api';
import { eventually } from './eventually';

export async function settle(api: Api, answer: RawResponse): Promise<RawResponse> {
  const operationId = answer.body.operationId;
  if (
    answer.status !== 202 ||
    answer.body.status !== 'pending' ||
    typeof operationId !== 'string'
  ) {
    return answer;
  }
  const operation = await eventually(
    async () => {
      const read = await api.operations.getOperation({ id: operationId });
      return read.status !== 'pending' ? read : undefined;
    },
    `operation ${operationId} to settle`,
    120_000,
  );
  if (operation.status === 'failed' && operation.problem) {
    const { code, ...problem } = operation.problem;
    return {
      ...answer,
      status: problem.status,
      contentType: 'application/problem+json',
      body: { ...problem, type: `urn:strata:problem:${code}` },
    };
  }
  return { ...answer, body: operation.result as Record<string, unknown> };
}

/** The settled JSON body of an SDK `...Raw` call's response (read before the SDK parses it). */
export async function settledBody(api: Api, response: Response): Promise<Record<string, unknown>> {
  const body = (await response.clone().json()) as Record<string, unknown>;
  const answer = {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body,
    headers: response.headers,
  };
  return (await settle(api, answer)).body;
}
