/**
 * Validates a body or query against a zod schema from libs/contracts and returns the parsed
 * value; failures become a 400 problem with an `errors: [{ path, message }]` extension.
 */
import { Injectable, PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { gatewayProblem } from '../problems/catalog';
import { ProblemException, type FieldError } from '../problems/problem';

export function fieldErrors(error: z.ZodError, prefix: string): FieldError[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: issue.message,
  }));
}

@Injectable()
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  /** `source` names where the value came from in error paths: `body`, `query` or a path param. */
  constructor(
    private readonly schema: S,
    private readonly source: string,
  ) {}

  transform(value: unknown): z.output<S> {
    const parsed = this.schema.safeParse(value);
    if (parsed.success) return parsed.data;
    throw new ProblemException(
      gatewayProblem('validation-failed', { errors: fieldErrors(parsed.error, this.source) }),
    );
  }
}
