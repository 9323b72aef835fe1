/**
 * RFC 9457 problem+json as the console uses it: a title and detail for the page, and the
 * `errors[{path,message}]` entries of a validation problem mapped onto the form's fields.
 */
export interface ProblemFieldError {
  path: string;
  message: string;
}

export interface ApiProblem {
  /** HTTP status; 0 when the API could not be reached at all. */
  status: number;
  title: string;
  detail?: string;
  errors: ProblemFieldError[];
}

/** The error every console API call throws, whatever went wrong underneath. */
export class ApiRequestError extends Error {
  constructor(readonly problem: ApiProblem) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.name = 'ApiRequestError';
  }
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function fieldErrors(value: unknown): ProblemFieldError[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { path, message } = entry as { path?: unknown; message?: unknown };
    const messageText = text(message);
    return messageText
      ? [{ path: typeof path === 'string' ? path : '', message: messageText }]
      : [];
  });
}

/** Reads a response body as a problem; tolerates bodies that are not problem+json. */
export function toApiProblem(status: number, body: unknown): ApiProblem {
  const source = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  return {
    status,
    title: text(source['title']) ?? `The API answered with HTTP ${status}`,
    detail: text(source['detail']),
    errors: fieldErrors(source['errors']),
  };
}

export function unreachableProblem(cause: unknown): ApiProblem {
  return {
    status: 0,
    title: 'The Strata API could not be reached',
    detail: cause instanceof Error ? cause.message : undefined,
    errors: [],
  };
}

/** The first segment of an error path: `name`, `/name`, `body.name`, `$.name[0]` -> `name`. */
export function fieldOfPath(path: string): string {
  const segments = path
    .replace(/^\$/, '')
    .split(/[./[\]]/)
    .filter((segment) => segment !== '');
  const [first, second] = segments;
  return first === 'body' && second ? second : (first ?? '');
}

export interface FormProblem<Field extends string> {
  fields: Partial<Record<Field, string>>;
  /** Messages that belong to no field of the form (shown above it). */
  general: string[];
}

/** Maps a problem onto a form: one message per known field, everything else in `general`. */
export function formProblemFrom<Field extends string>(
  problem: ApiProblem,
  formFields: readonly Field[],
): FormProblem<Field> {
  const result: FormProblem<Field> = { fields: {}, general: [] };
  for (const error of problem.errors) {
    const field = fieldOfPath(error.path) as Field;
    if (formFields.includes(field)) {
      result.fields[field] ??= error.message;
    } else {
      result.general.push(error.path ? `${error.path}: ${error.message}` : error.message);
    }
  }
  if (problem.errors.length === 0 || result.general.length > 0) {
    result.general.unshift(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
  }
  return result;
}
