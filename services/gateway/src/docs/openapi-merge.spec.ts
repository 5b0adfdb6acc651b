import { type JsonObject, mergeOpenApi } from './openapi-merge';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function serviceDoc(paths: JsonObject, schemas: JsonObject, tags: string[] = []): JsonObject {
  return {
    openapi: '3.0.0',
    info: { title: 'x', version: '1' },
    tags: tags.map((name) => ({ name })),
    paths,
    components: { schemas, securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
  };
}

const problem = { type: 'object', properties: { status: { type: 'integer' }, code: { type: 'string' } } };

const schools = serviceDoc(
  {
    '/v1/schools': {
      post: {
        requestBody: { content: { 'application/json': { schema: ref('CreateDto') } } },
        responses: { '400': { content: { 'application/problem+json': { schema: ref('Problem') } } } },
      },
    },
    '/v1/schools/{id}': { get: { responses: { '200': { content: { 'application/json': { schema: ref('Page') } } } } } },
    '/health/ready': { get: {} },
  },
  {
    CreateDto: { type: 'object', properties: { name: { type: 'string' }, sector: { type: 'string' } } },
    Problem: problem,
    Item: { type: 'object', properties: { schoolId: { type: 'string' } } },
    Page: { type: 'object', properties: { items: { type: 'array', items: ref('Item') } } },
  },
  ['schools'],
);

const events = serviceDoc(
  {
    '/v1/events': { post: { requestBody: { content: { 'application/json': { schema: ref('CreateDto') } } } } },
    '/v1/events/{id}': { get: { responses: { '200': { content: { 'application/json': { schema: ref('Page') } } } } } },
    '/v1/schools/stolen': { get: {} },
  },
  {
    CreateDto: { properties: { title: { type: 'string' } }, type: 'object' },
    // Same as schools' but with keys in another order: still the same definition.
    Problem: { properties: { code: { type: 'string' }, status: { type: 'integer' } }, type: 'object' },
    Item: { type: 'object', properties: { eventId: { type: 'string' } } },
    Page: { type: 'object', properties: { items: { type: 'array', items: ref('Item') } } },
  },
  ['events', 'schools'],
);

describe('mergeOpenApi', () => {
  const merged = mergeOpenApi({
    documents: [
      { service: 'schools', document: schools },
      { service: 'events', document: events },
    ],
    unavailable: ['metrics'],
  });
  const schemas = (merged.components as Record<string, JsonObject>).schemas;
  const paths = merged.paths as Record<string, Record<string, JsonObject>>;

  it('publishes the paths each service owns according to the route table, sorted', () => {
    expect(Object.keys(paths)).toEqual(['/v1/events', '/v1/events/{id}', '/v1/schools', '/v1/schools/{id}']);
  });

  it('prefixes colliding schemas with the service name and rewrites that service’s references', () => {
    expect(Object.keys(schemas).sort()).toEqual(
      ['Problem', 'events_CreateDto', 'events_Item', 'events_Page', 'schools_CreateDto', 'schools_Item', 'schools_Page'].sort(),
    );
    expect(JSON.stringify(paths['/v1/schools'])).toContain('#/components/schemas/schools_CreateDto');
    expect(JSON.stringify(paths['/v1/events'])).toContain('#/components/schemas/events_CreateDto');
    expect(schemas.schools_Page).toEqual({ type: 'object', properties: { items: { type: 'array', items: ref('schools_Item') } } });
    expect(schemas.events_Page).toEqual({ type: 'object', properties: { items: { type: 'array', items: ref('events_Item') } } });
  });

  it('keeps one copy, under its own name, of a schema every service defines the same way', () => {
    expect(schemas.Problem).toEqual(problem);
    expect(JSON.stringify(paths['/v1/schools'])).toContain('#/components/schemas/Problem');
  });

  it('leaves no dangling reference', () => {
    const refs = JSON.stringify(merged).match(/#\/components\/schemas\/[A-Za-z_]+/g) ?? [];
    for (const target of refs) expect(Object.keys(schemas)).toContain(target.split('/').pop());
  });

  it('names the services it could not reach, merges tags and declares the bearer scheme', () => {
    expect(merged['x-unavailable-services']).toEqual(['metrics']);
    expect(merged.tags).toEqual([{ name: 'schools' }, { name: 'events' }]);
    expect(merged.security).toEqual([{ bearer: [] }]);
    expect((merged.components as Record<string, JsonObject>).securitySchemes.bearer).toMatchObject({ scheme: 'bearer' });
    expect(merged.openapi).toBe('3.0.0');
  });

  it('still produces a valid skeleton when no service answered', () => {
    const empty = mergeOpenApi({ documents: [], unavailable: ['schools', 'events'] });
    expect(empty).toMatchObject({ openapi: '3.0.0', paths: {}, 'x-unavailable-services': ['schools', 'events'] });
  });
});
