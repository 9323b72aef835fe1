/** Parameter decorators that validate at the edge with zod. */
import { Body, Param, Query } from '@nestjs/common';
import { z } from 'zod';
import { ZodValidationPipe } from './zod-validation.pipe';

export const ValidBody = (schema: z.ZodType): ParameterDecorator =>
  Body(new ZodValidationPipe(schema, 'body'));

export const ValidQuery = (schema: z.ZodType): ParameterDecorator =>
  Query(new ZodValidationPipe(schema, 'query'));

const uuidSchema = z.uuid({ error: 'must be a uuid' });

export const UuidParam = (name: string): ParameterDecorator =>
  Param(name, new ZodValidationPipe(uuidSchema, name));
