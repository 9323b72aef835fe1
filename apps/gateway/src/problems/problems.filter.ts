/**
 * The one exception filter: every error leaving the gateway becomes RFC 9457 problem+json.
 * Unknown errors become a 500 without internals; the details go to the log with the request id.
 */
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { gatewayProblem, codeForStatus, GATEWAY_PROBLEMS } from './catalog';
import { ProblemException, type ProblemSpec } from './problem';
import { writeProblem } from './problem-writer';

function messageOf(exception: HttpException): string | undefined {
  const body = exception.getResponse();
  if (typeof body === 'string') return body;
  const message = (body as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.filter((m) => typeof m === 'string').join('; ');
  return undefined;
}

export function problemFromException(exception: unknown): ProblemSpec {
  if (exception instanceof ProblemException) return exception.problem;
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const code = codeForStatus(status);
    const spec: ProblemSpec = { code, status, title: GATEWAY_PROBLEMS[code].title };
    const detail = status < 500 ? messageOf(exception) : undefined;
    if (detail) spec.detail = detail;
    if (status === 401) spec.headers = { 'WWW-Authenticate': 'Bearer realm="strata"' };
    return spec;
  }
  return gatewayProblem('internal-error');
}

@Catch()
export class ProblemsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problems');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const spec = problemFromException(exception);
    if (spec.status >= 500) {
      const reason =
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception);
      this.logger.error(`${req.method} ${req.path} failed with ${spec.status}: ${reason}`);
    }
    if (res.headersSent) return;
    writeProblem(req, res, spec);
  }
}
