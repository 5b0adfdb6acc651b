import type { OpenAPIObject, OperationObject, PathItemObject, SchemaObject } from '@nestjs/swagger';
import { ProblemCode } from '@crosswalk/problems';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPE_BASE } from './problems';

/** The problem document (see ProblemDocument) as an OpenAPI schema. */
export const PROBLEM_SCHEMA: SchemaObject = {
  type: 'object',
  description: 'RFC 9457 problem details: the body of every error answer, sent as `application/problem+json`. docs/errors.md lists the codes.',
  required: ['type', 'title', 'status', 'detail', 'instance', 'code'],
  properties: {
    type: { type: 'string', format: 'uri', example: `${PROBLEM_TYPE_BASE}${ProblemCode.ValidationFailed}` },
    title: { type: 'string', description: 'The same for every occurrence of the code', example: 'Invalid request' },
    status: { type: 'integer', example: 400 },
    detail: { type: 'string', example: 'Invalid request: mayor' },
    instance: { type: 'string', description: 'The request path', example: '/v1/cities' },
    code: { type: 'string', enum: Object.values(ProblemCode), example: ProblemCode.ValidationFailed },
    errors: {
      type: 'array',
      description: 'One entry per invalid request field',
      items: {
        type: 'object',
        required: ['field', 'messages'],
        properties: {
          field: { type: 'string', example: 'mayor' },
          messages: { type: 'array', items: { type: 'string' }, example: ['property mayor should not exist'] },
        },
      },
    },
    requestId: { type: 'string', description: 'Quote it when reporting the problem', example: '5f0c6a52-8e0b-4d0b-9d4b-2b8f3c1e7a10' },
  },
  additionalProperties: true,
};

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Adds the `Problem` schema and makes every declared error answer (4xx, 5xx) a problem document. */
export function describeProblems(document: OpenAPIObject): OpenAPIObject {
  document.components = { ...document.components, schemas: { ...document.components?.schemas, Problem: PROBLEM_SCHEMA } };
  const operations = Object.values(document.paths).flatMap((item: PathItemObject) =>
    METHODS.map((method) => item[method]).filter((operation): operation is OperationObject => operation !== undefined),
  );
  for (const operation of operations) {
    for (const [status, response] of Object.entries(operation.responses)) {
      if (!/^[45]/.test(status) || !response || '$ref' in response) continue;
      response.content = { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } };
    }
  }
  return document;
}
