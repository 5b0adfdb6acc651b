import { keepDuplicatesApart, nameKeyOf } from './natural-keys';

describe('nameKeyOf', () => {
  it('compares names without case, outer or repeated inner whitespace, or Unicode form', () => {
    expect(nameKeyOf('  Lincoln   High\tSchool ')).toBe('lincoln high school');
    expect(nameKeyOf('LINCOLN HIGH SCHOOL')).toBe(nameKeyOf('Lincoln High School'));
    // "é" composed and decomposed are one name.
    expect(nameKeyOf('Escuela Tlatelolco\u00e9')).toBe(nameKeyOf('Escuela Tlatelolcoe\u0301'));
    expect(nameKeyOf('Lincoln High')).not.toBe(nameKeyOf('Lincoln Middle'));
  });
});

describe('keepDuplicatesApart', () => {
  it('keeps the first row of each key and puts the later ones apart under <key>#<id>, reporting each group', () => {
    const { keys, duplicates } = keepDuplicatesApart([
      { id: 'a', scope: ['denver'], key: 'lincoln' },
      { id: 'b', scope: ['denver'], key: 'north' },
      { id: 'c', scope: ['denver'], key: 'lincoln' },
      { id: 'd', scope: ['denver'], key: 'lincoln' },
      { id: 'e', scope: ['oakland'], key: 'lincoln' },
    ]);
    expect(Object.fromEntries(keys)).toEqual({ a: 'lincoln', b: 'north', c: 'lincoln#c', d: 'lincoln#d', e: 'lincoln' });
    expect(duplicates).toEqual([{ kept: 'a', apart: ['c', 'd'] }]);
  });

  it('reports nothing when every key is unique', () => {
    expect(keepDuplicatesApart([{ id: 'a', scope: [], key: 'x' }]).duplicates).toEqual([]);
  });
});
