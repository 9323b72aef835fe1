/**
 * Rate limiting per caller: the token's subject when authenticated (the auth guard runs first),
 * the client IP otherwise. Over the limit: 429 problem+json with Retry-After.
 */
import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { gatewayProblem } from '../problems/catalog';
import { ProblemException } from '../problems/problem';

@Injectable()
export class CallerThrottlerGuard extends ThrottlerGuard {
  protected override getTracker(req: Record<string, unknown>): Promise<string> {
    const actor = req.actor as { subject?: unknown } | undefined;
    if (typeof actor?.subject === 'string') return Promise.resolve(`sub:${actor.subject}`);
    return Promise.resolve(`ip:${typeof req.ip === 'string' ? req.ip : 'unknown'}`);
  }

  protected override throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const seconds = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    throw new ProblemException(
      gatewayProblem('too-many-requests', {
        detail: `limit of ${detail.limit} requests per minute reached`,
        headers: { 'Retry-After': String(seconds) },
      }),
    );
  }
}
