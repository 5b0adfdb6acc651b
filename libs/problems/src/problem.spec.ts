import { HttpException } from '@nestjs/common';
import { Problem, ProblemCode, assertUnreachable, problemTypeOf, statusOf } from './problem';

// The published table (docs/errors.md): a change here is a change of the API.
const STATUSES: Record<ProblemCode, number> = {
  [ProblemCode.ValidationFailed]: 400,
  [ProblemCode.BadRequest]: 400,
  [ProblemCode.InvalidCursor]: 400,
  [ProblemCode.BodyTooDeep]: 400,
  [ProblemCode.ImportRowsInvalid]: 400,
  [ProblemCode.Unauthorized]: 401,
  [ProblemCode.Forbidden]: 403,
  [ProblemCode.NotFound]: 404,
  [ProblemCode.Conflict]: 409,
  [ProblemCode.AlreadyExists]: 409,
  [ProblemCode.TransitionConflict]: 409,
  [ProblemCode.SchoolClosed]: 409,
  [ProblemCode.ClosureConflict]: 409,
  [ProblemCode.RecommitmentRefused]: 409,
  [ProblemCode.EventStateConflict]: 409,
  [ProblemCode.RegistrationRefused]: 409,
  [ProblemCode.SurveyRefused]: 409,
  [ProblemCode.FellowshipRefused]: 409,
  [ProblemCode.IdempotencyKeyInProgress]: 409,
  [ProblemCode.IdempotencyKeyReused]: 422,
  [ProblemCode.PayloadTooLarge]: 413,
  [ProblemCode.UnsupportedMediaType]: 415,
  [ProblemCode.RateLimited]: 429,
  [ProblemCode.Internal]: 500,
  [ProblemCode.UpstreamUnavailable]: 502,
  [ProblemCode.ServiceUnavailable]: 503,
  [ProblemCode.UpstreamTimeout]: 504,
};

describe('problem codes', () => {
  const codes = Object.values(ProblemCode);

  it('answers every code with its published status and a title', () => {
    expect(codes.map((code) => [code, statusOf(code)])).toEqual(codes.map((code) => [code, STATUSES[code]]));
    for (const code of codes) expect(problemTypeOf(code).title).toMatch(/^\S.*\S$/);
  });

  it('uses snake_case codes, each once', () => {
    for (const code of codes) expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('makes a switch that misses a code fail to compile', () => {
    const partial = (code: ProblemCode.NotFound | ProblemCode.Conflict): number => {
      switch (code) {
        case ProblemCode.NotFound:
          return 404;
        default:
          // @ts-expect-error Conflict has no case, so `code` is not `never` here.
          return assertUnreachable(code);
      }
    };
    expect(() => partial(ProblemCode.Conflict)).toThrow('No answer for conflict');
  });
});

describe('Problem', () => {
  it('is an HttpException with the status of its code', () => {
    const problem = new Problem(ProblemCode.AlreadyExists, 'City Denver, CO already exists');
    expect(problem).toBeInstanceOf(HttpException);
    expect(problem.getStatus()).toBe(409);
    expect(problem.message).toBe('City Denver, CO already exists');
  });

  it('words every unknown record the same way', () => {
    expect(Problem.notFound('School 42')).toMatchObject({ code: ProblemCode.NotFound, detail: 'School 42 not found' });
  });

  it('names each invalid field', () => {
    const problem = Problem.invalid([
      { field: 'name', messages: ['name must be a string'] },
      { field: 'state', messages: ['state must be 2 letters'] },
    ]);
    expect(problem).toMatchObject({ code: ProblemCode.ValidationFailed, detail: 'Invalid request: name, state' });
    expect(problem.errors).toHaveLength(2);
  });
});
