import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acceptanceOf, breakingChanges, publishedVersionBreaks } from './compatibility';

const published = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'schools.city.created v1',
  type: 'object',
  properties: { cityId: { type: 'string', description: 'The city' }, state: { type: 'string', pattern: '^[A-Z]{2}$' } },
  required: ['cityId', 'state'],
  additionalProperties: true,
};

describe('breakingChanges', () => {
  it('lets documentation change: descriptions, titles, examples and x- annotations', () => {
    const documented = {
      ...published,
      title: 'City created',
      properties: { ...published.properties, cityId: { type: 'string', description: 'The city id', examples: ['c-1'], 'x-personal-data': false } },
    };
    expect(breakingChanges(published, documented)).toEqual([]);
    expect(acceptanceOf(documented)).toEqual(acceptanceOf(published));
  });

  it('names each place where the accepted values change: a field removed, newly required, retyped or narrowed', () => {
    const { state: _state, ...withoutState } = published.properties;
    expect(breakingChanges(published, { ...published, properties: withoutState })).toEqual(['/properties/state']);
    expect(breakingChanges(published, { ...published, required: ['cityId', 'state', 'name'] })).toEqual(['/required']);
    expect(breakingChanges(published, { ...published, properties: { ...published.properties, cityId: { type: 'integer' } } })).toEqual([
      '/properties/cityId/type',
    ]);
    expect(breakingChanges(published, { ...published, additionalProperties: false })).toEqual(['/additionalProperties']);
  });
});

describe('publishedVersionBreaks', () => {
  const root = mkdtempSync(join(tmpdir(), 'contracts-compat-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reports an updated published version that accepts other values, and one that would disappear, but not a new version', () => {
    mkdirSync(join(root, 'docs/contracts/schemas'), { recursive: true });
    for (const name of ['schools.city.created.v1.json', 'schools.city.closed.v1.json']) {
      writeFileSync(join(root, 'docs/contracts/schemas', name), JSON.stringify(published));
    }
    const changed = JSON.stringify({ ...published, required: ['cityId'] });
    const generated = new Map([
      ['docs/contracts/schemas/schools.city.created.v1.json', changed],
      ['docs/contracts/schemas/schools.city.created.v2.json', changed],
    ]);
    const breaks = publishedVersionBreaks(root, generated, {
      created: ['docs/contracts/schemas/schools.city.created.v2.json'],
      updated: ['docs/contracts/schemas/schools.city.created.v1.json'],
      deleted: ['docs/contracts/schemas/schools.city.closed.v1.json'],
      unchanged: [],
    });
    expect(breaks).toEqual([
      'docs/contracts/schemas/schools.city.created.v1.json: /required accepts other values',
      'docs/contracts/schemas/schools.city.closed.v1.json: a published version would no longer exist',
    ]);
  });
});
