import { BadRequestException, HttpException, MethodNotAllowedException, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { Problem, ProblemCode } from '@crosswalk/problems';
import { asProblem, problemDocument } from './problems';

describe('problemDocument', () => {
  it('writes RFC 9457 members plus code, field errors and extension members', () => {
    const problem = new Problem(ProblemCode.ValidationFailed, 'Invalid request: mayor', {
      errors: [{ field: 'mayor', messages: ['property mayor should not exist'] }],
      extensions: { hint: 'drop the field' },
    });
    expect(problemDocument(problem, '/v1/cities')).toEqual({
      type: 'https://crosswalk.dev/problems/validation_failed',
      title: 'Invalid request',
      status: 400,
      detail: 'Invalid request: mayor',
      instance: '/v1/cities',
      code: 'validation_failed',
      errors: [{ field: 'mayor', messages: ['property mayor should not exist'] }],
      requestId: undefined,
      hint: 'drop the field',
    });
  });

  it('never lets an extension member replace a standard one', () => {
    const problem = new Problem(ProblemCode.NotFound, 'School 1 not found', { extensions: { status: 'error', code: 'other', service: 'schools' } });
    expect(problemDocument(problem, '/v1/schools/1')).toMatchObject({ status: 404, code: 'not_found', service: 'schools' });
  });
});

describe('asProblem', () => {
  const answer = (exception: unknown) => {
    const problem = asProblem(exception);
    return { code: problem.code, status: problem.getStatus(), detail: problem.detail, extensions: problem.extensions };
  };

  it('keeps a Problem as thrown', () => {
    const problem = Problem.notFound('School 1');
    expect(asProblem(problem)).toBe(problem);
  });

  it("maps Nest's own exceptions by status, keeping their message as the detail", () => {
    expect(answer(new BadRequestException("Expected property name or '}' in JSON at position 1"))).toEqual({
      code: ProblemCode.BadRequest,
      status: 400,
      detail: "Expected property name or '}' in JSON at position 1",
      extensions: {},
    });
    expect(answer(new NotFoundException('Cannot GET /v1/nothing'))).toMatchObject({
      code: ProblemCode.NotFound,
      status: 404,
      detail: 'Cannot GET /v1/nothing',
    });
    expect(answer(new HttpException('request entity too large', 413))).toMatchObject({ code: ProblemCode.PayloadTooLarge, status: 413 });
  });

  it('carries the other members of an exception body as extension members', () => {
    expect(answer(new ServiceUnavailableException({ message: 'Not ready', checks: { database: 'down' } }))).toEqual({
      code: ProblemCode.ServiceUnavailable,
      status: 503,
      detail: 'Not ready',
      extensions: { checks: { database: 'down' } },
    });
  });

  it('answers a status without a code of its own with the general code of its class', () => {
    expect(answer(new MethodNotAllowedException())).toMatchObject({ code: ProblemCode.BadRequest, status: 400 });
    expect(answer(new HttpException('not implemented', 501))).toMatchObject({ code: ProblemCode.Internal, status: 500 });
  });

  it('hides anything else behind a 500', () => {
    expect(answer(new Error('password=hunter2 rejected'))).toEqual({ code: ProblemCode.Internal, status: 500, detail: 'Internal error', extensions: {} });
  });
});
