/** Swagger decorators that point at the zod-derived components and document problem+json. */
import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiParam, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { z } from 'zod';
import { GATEWAY_PROBLEMS, codeForStatus } from '../problems/catalog';
import { PROBLEM_CONTENT_TYPE } from '../problems/problem';
import { jsonSchemaOf, ref, type ComponentName } from './api-schemas';

/** Problems every authenticated route can answer. */
const COMMON_PROBLEMS = [401, 403, 429, 500, 503, 504];

export const ApiOperationId = (operationId: string, summary: string): MethodDecorator =>
  ApiOperation({ operationId, summary });

export const ApiJsonBody = (name: ComponentName): MethodDecorator =>
  ApiBody({ required: true, schema: ref(name) });

export const ApiJsonResponse = (
  status: number,
  name: ComponentName,
  description: string,
  headers?: Record<string, string>,
): MethodDecorator =>
  ApiResponse({
    status,
    description,
    content: { 'application/json': { schema: ref(name) } },
    ...(headers && {
      headers: Object.fromEntries(
        Object.entries(headers).map(([h, d]) => [
          h,
          { description: d, schema: { type: 'string' } },
        ]),
      ),
    }),
  });

export const ApiProblems = (...statuses: number[]): MethodDecorator =>
  applyDecorators(
    ...[...new Set([...statuses, ...COMMON_PROBLEMS])].map((status) =>
      ApiResponse({
        status,
        description: GATEWAY_PROBLEMS[codeForStatus(status)].title,
        content: { [PROBLEM_CONTENT_TYPE]: { schema: ref('Problem') } },
      }),
    ),
  );

export const ApiUuidParam = (name: string): MethodDecorator =>
  ApiParam({ name, required: true, schema: { type: 'string', format: 'uuid' } });

/** One query parameter per property of a zod object schema. */
export const ApiZodQuery = (schema: z.ZodObject): MethodDecorator => {
  const json = jsonSchemaOf(schema, 'input') as {
    properties?: Record<string, object>;
    required?: string[];
  };
  return applyDecorators(
    ...Object.entries(json.properties ?? {}).map(([name, property]) =>
      ApiQuery({ name, required: (json.required ?? []).includes(name), schema: property }),
    ),
  );
};

export const ApiIdempotencyKey = (): MethodDecorator =>
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Repeat a POST safely: the same key with the same body returns the same answer',
    schema: { type: 'string', maxLength: 255 },
  });
