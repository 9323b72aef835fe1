import {
  ArgumentsHost,
  BadRequestException,
  ForbiddenException,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { ProblemException } from './problem';
import { problemFromException, ProblemsFilter } from './problems.filter';

function capture(exception: unknown) {
  const res = {
    headersSent: false,
    statusCode: 0,
    headers: {} as Record<string, string>,
    contentType: '',
    body: '',
    setHeader(name: string, value: string) {
      this.headers[name] = value;
    },
    status(code: number) {
      this.statusCode = code;
      return this;
    },
    type(t: string) {
      this.contentType = t;
      return this;
    },
    send(b: string) {
      this.body = b;
      return this;
    },
  };
  const req = { method: 'GET', path: '/api/v1/x', id: 'req-12345678' };
  const host = {
    switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
  } as unknown as ArgumentsHost;
  new ProblemsFilter().catch(exception, host);
  return { res, body: JSON.parse(res.body) as Record<string, unknown> };
}

describe('ProblemsFilter', () => {
  it('renders a problem exception with a stable type, the path as instance and the request id', () => {
    const { res, body } = capture(
      new ProblemException({
        code: 'conflict',
        status: 409,
        title: 'Conflict',
        detail: 'name taken',
      }),
    );
    expect(res.statusCode).toBe(409);
    expect(res.contentType).toBe('application/problem+json');
    expect(body).toEqual({
      type: 'urn:strata:problem:conflict',
      title: 'Conflict',
      status: 409,
      detail: 'name taken',
      instance: '/api/v1/x',
      requestId: 'req-12345678',
    });
  });

  it('maps a bus problem one to one, including field errors', () => {
    const errors = [{ path: 'body.name', message: 'taken' }];
    const { body } = capture(
      ProblemException.fromBus({
        code: 'organisation-exists',
        status: 409,
        title: 'Exists',
        errors,
      }),
    );
    expect(body).toMatchObject({
      type: 'urn:strata:problem:organisation-exists',
      status: 409,
      title: 'Exists',
      errors,
    });
  });

  it('turns Nest exceptions into problems with the matching code', () => {
    expect(problemFromException(new NotFoundException('Cannot GET /x'))).toMatchObject({
      code: 'not-found',
      status: 404,
      detail: 'Cannot GET /x',
    });
    expect(problemFromException(new ForbiddenException())).toMatchObject({
      code: 'forbidden',
      status: 403,
    });
    expect(problemFromException(new BadRequestException(['a', 'b']))).toMatchObject({
      code: 'validation-failed',
      detail: 'a; b',
    });
  });

  it('asks for a bearer token on 401', () => {
    const { res } = capture(new UnauthorizedException());
    expect(res.headers['WWW-Authenticate']).toMatch(/^Bearer/);
  });

  it('answers 500 without leaking the error', () => {
    const { res, body } = capture(new Error('password=hunter2 at db.ts:12'));
    expect(res.statusCode).toBe(500);
    expect(JSON.stringify(body)).not.toContain('hunter2');
    expect(body.type).toBe('urn:strata:problem:internal-error');
  });
});
