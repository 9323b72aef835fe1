/**
 * Loads something from the API for a page: loading / loaded / failed, a reload function, and
 * no state updates after the page moved on (an out-of-date answer is dropped).
 */
import { useCallback, useEffect, useState } from 'react';
import { ApiRequestError, unreachableProblem, type ApiProblem } from './api-problem';

export type ApiResult<T> =
  | { status: 'loading'; data?: T }
  | { status: 'loaded'; data: T }
  | { status: 'failed'; problem: ApiProblem; data?: T };

export function problemOf(error: unknown): ApiProblem {
  return error instanceof ApiRequestError ? error.problem : unreachableProblem(error);
}

export function useApiResult<T>(load: () => Promise<T>): {
  result: ApiResult<T>;
  reload: () => void;
} {
  const [result, setResult] = useState<ApiResult<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);

  useEffect(() => {
    let current = true;
    setResult((previous) => ({ status: 'loading', data: previous.data }));
    load()
      .then((data) => current && setResult({ status: 'loaded', data }))
      .catch(
        (error: unknown) => current && setResult({ status: 'failed', problem: problemOf(error) }),
      );
    return () => {
      current = false;
    };
  }, [load, generation]);

  return { result, reload };
}
