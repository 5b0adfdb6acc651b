import { parseYaml, parseYaml11 } from '../spec-support/deploy-files';
import { toYaml, toYamlDocuments, yamlString, type YamlValue } from './yaml';

describe('YAML writer', () => {
  it('keeps strings that look like other types as strings (YAML 1.2 and the 1.1 rules kubectl applies)', () => {
    const tricky = [
      'true',
      'False',
      'yes',
      'no',
      'on',
      'OFF',
      'y',
      'N',
      'null',
      '~',
      '',
      '3001',
      '0.0.0.0',
      '1e3',
      '0x1F',
      '0777',
      '1_000',
      '12:30',
      '.5',
      '100m',
      '-x',
      '*alias',
      '&anchor',
      '!tag',
      'a: b',
      'a #b',
      '#c',
      '[x]',
      '{x}',
      '"q"',
      "'q'",
      'x\ny',
      ' lead',
      'trail ',
      '%dir',
      '@at',
      '`tick`',
      '|',
      '>',
      '?',
      '--max-old-space-size=384',
    ];
    for (const value of tricky) {
      const [doc] = parseYaml(toYaml({ value }));
      expect({ value, parsed: doc }).toEqual({ value, parsed: { value } });
      const [doc11] = parseYaml11(toYaml({ value }));
      expect({ value, yaml11: doc11 }).toEqual({ value, yaml11: { value } });
      if (value !== '' && !/^[A-Za-z_/][A-Za-z0-9_./-]*$/.test(value)) expect(yamlString(value)).toMatch(/^"/);
    }
  });

  it('writes plain identifiers, paths and URLs-free names unquoted', () => {
    expect(yamlString('crosswalk/schools')).toBe('crosswalk/schools');
    expect(yamlString('app.kubernetes.io/name')).toBe('app.kubernetes.io/name');
    expect(yamlString('/health/ready')).toBe('/health/ready');
    expect(yamlString('http://schools:3001')).toBe('"http://schools:3001"');
  });

  it('round-trips nested mappings, sequences of mappings, scalars and empty collections', () => {
    const value: YamlValue = {
      a: 1,
      b: [{ name: 'x', value: '1', nested: { list: ['p', 'q'], empty: [], none: {} } }, 'plain', 2, true, null],
      c: { d: { e: 'f' } },
      skipped: undefined,
    };
    const [doc] = parseYaml(toYaml(value));
    expect(doc).toEqual({
      a: 1,
      b: [{ name: 'x', value: '1', nested: { list: ['p', 'q'], empty: [], none: {} } }, 'plain', 2, true, null],
      c: { d: { e: 'f' } },
    });
  });

  it('writes several documents under a comment header', () => {
    const text = toYamlDocuments([{ a: 1 }, { b: 2 }], ['generated', '', 'do not edit']);
    expect(text.startsWith('# generated\n#\n# do not edit\n')).toBe(true);
    expect(parseYaml(text)).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('refuses what it cannot write faithfully', () => {
    expect(() => toYaml({ x: Number.NaN })).toThrow();
    expect(() => toYaml({ x: [['nested']] })).toThrow(/Nested sequences/);
  });
});
