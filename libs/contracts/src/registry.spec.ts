import 'reflect-metadata';
import { IsInt, IsString, Min } from 'class-validator';
import { PayloadValidationError, allContracts, defineEvent, findContract, latestVersionOf, upcastToLatest, validatePayload } from './registry';
import { CityCreated, CityCreatedV1 } from './schools/directory';

// Throwaway contracts: the `test.registry.*` types exist only in this spec's module registry.
const TOPIC = 'schools.directory.v1';

class RenamedV1 {
  @IsString() fullName!: string;
}
class RenamedV2 {
  @IsString() firstName!: string;
  @IsString() lastName!: string;
}
class RenamedV3 {
  @IsString() firstName!: string;
  @IsString() lastName!: string;
  @IsInt() @Min(0) nameChanges!: number;
}

defineEvent<RenamedV1>({
  type: 'test.registry.renamed',
  version: 1,
  topic: TOPIC,
  payload: RenamedV1,
  description: 'v1: one name field',
  upcast: (p) => {
    const [firstName = '', ...rest] = p.fullName.split(' ');
    return { firstName, lastName: rest.join(' ') };
  },
});
defineEvent<RenamedV2>({
  type: 'test.registry.renamed',
  version: 2,
  topic: TOPIC,
  payload: RenamedV2,
  description: 'v2: split name',
  upcast: (p) => ({ ...p, nameChanges: 0 }),
});
defineEvent<RenamedV3>({ type: 'test.registry.renamed', version: 3, topic: TOPIC, payload: RenamedV3, description: 'v3' });

async function validationError(payload: unknown): Promise<PayloadValidationError> {
  try {
    await validatePayload(CityCreated, payload);
  } catch (error) {
    if (error instanceof PayloadValidationError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(payload)} to be rejected`);
}

describe('validatePayload', () => {
  const good = { cityId: 'city_1', name: 'Denver', state: 'CO' };

  it('accepts a good payload and returns it as an instance of the payload class', async () => {
    const payload = await validatePayload(CityCreated, good);
    expect(payload).toBeInstanceOf(CityCreatedV1);
    expect(payload).toEqual(good);
  });

  it('rejects a missing field, naming it', async () => {
    const error = await validationError({ cityId: 'city_1', name: 'Denver' });
    expect(error.contract).toBe('schools.city.created@v1');
    expect(error.details.some((d) => d.startsWith('state:'))).toBe(true);
    expect(error.details.every((d) => d.startsWith('state:'))).toBe(true);
    expect(error.message).toMatch(/^Invalid schools\.city\.created@v1 payload: state: /);
  });

  it('rejects a field of the wrong type, naming it', async () => {
    const error = await validationError({ ...good, name: 42 });
    expect(error.details).toEqual(expect.arrayContaining([expect.stringMatching(/^name: .*string/)]));
    expect(error.details.every((d) => d.startsWith('name:'))).toBe(true);
  });

  it('rejects a field the contract does not declare, naming it', async () => {
    const error = await validationError({ ...good, mayor: 'someone' });
    expect(error.details).toEqual([expect.stringMatching(/^mayor: property mayor should not exist/)]);
  });

  it('names every bad field at once', async () => {
    const error = await validationError({ cityId: 'city_1', name: '', state: 'co', extra: true });
    expect(error.details.map((d) => d.split(':')[0]).sort()).toEqual(expect.arrayContaining(['extra', 'name', 'state']));
  });

  it.each([null, 'a string', 42, undefined])('rejects %p as a payload', async (payload) => {
    const error = await validationError(payload);
    expect(error.details).toEqual(['payload must be an object']);
  });
});

describe('defineEvent', () => {
  it('registers a contract so it can be found and listed', () => {
    const contract = defineEvent({ type: 'test.registry.listed', version: 1, topic: TOPIC, payload: RenamedV1, description: 'x' });
    expect(findContract('test.registry.listed', 1)).toBe(contract);
    expect(findContract('test.registry.listed', 2)).toBeUndefined();
    expect(allContracts()).toContain(contract);
  });

  it('refuses to define the same type and version twice', () => {
    const contract = { type: 'test.registry.duplicate', version: 1, topic: TOPIC, payload: RenamedV1, description: 'first' };
    const first = defineEvent(contract);
    expect(() => defineEvent({ ...contract, description: 'second' })).toThrow('Event contract test.registry.duplicate@v1 is defined twice');
    expect(findContract('test.registry.duplicate', 1)).toBe(first);
    expect(() => defineEvent({ ...contract, version: 2 })).not.toThrow();
  });

  it('lists contracts sorted by type and version', () => {
    const keys = allContracts().map((c) => `${c.type}@v${c.version}`);
    expect(keys).toEqual([...keys].sort((a, b) => a.localeCompare(b)));
    expect(keys).toEqual(expect.arrayContaining(['schools.city.created@v1', 'test.registry.renamed@v3']));
  });
});

describe('upcastToLatest', () => {
  it('chains the upcasters v1 -> v2 -> v3', () => {
    expect(upcastToLatest('test.registry.renamed', 1, { fullName: 'Ada King Lovelace' })).toEqual({
      version: 3,
      payload: { firstName: 'Ada', lastName: 'King Lovelace', nameChanges: 0 },
    });
  });

  it('starts from the version it is given', () => {
    expect(upcastToLatest('test.registry.renamed', 2, { firstName: 'Ada', lastName: 'Lovelace' })).toEqual({
      version: 3,
      payload: { firstName: 'Ada', lastName: 'Lovelace', nameChanges: 0 },
    });
  });

  it('returns the latest version unchanged', () => {
    const payload = { firstName: 'Ada', lastName: 'Lovelace', nameChanges: 1 };
    const result = upcastToLatest('test.registry.renamed', 3, payload);
    expect(result).toEqual({ version: 3, payload });
    expect(result.payload).toBe(payload);
  });

  it('leaves an unknown type or version as it is', () => {
    expect(upcastToLatest('test.registry.unknown', 1, { a: 1 })).toEqual({ version: 1, payload: { a: 1 } });
    expect(upcastToLatest('test.registry.renamed', 9, { a: 1 })).toEqual({ version: 9, payload: { a: 1 } });
  });

  it('produces a payload the latest contract accepts', async () => {
    const latest = upcastToLatest('test.registry.renamed', 1, { fullName: 'Grace Hopper' });
    const contract = findContract('test.registry.renamed', latest.version);
    if (!contract) throw new Error('v3 is not registered');
    await expect(validatePayload(contract, latest.payload)).resolves.toBeInstanceOf(RenamedV3);
    expect(latestVersionOf('test.registry.renamed')).toBe(3);
    expect(latestVersionOf('test.registry.unknown')).toBeUndefined();
  });
});
