import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Min, ValidateNested } from 'class-validator';
import { classJsonSchema } from './json-schema';

class Signatory {
  @IsString() @IsNotEmpty() organizationId!: string;
  @IsOptional() @IsString() personId!: string | null;
}

class Address {
  @IsString() line!: string;
}

class CompactSigned {
  @IsString() @IsNotEmpty() compactId!: string;
  @Min(0) @IsInt() signatoryCount!: number;
  @IsISO8601() signedOn!: string;
  @IsIn(['draft', 'signed']) status!: string;
  @Matches('^[a-z]+$') slug!: string;
  @ValidateNested({ each: true }) @Type(() => Signatory) signatories!: Signatory[];
  @IsOptional() @ValidateNested() @Type(() => Address) address!: Address | null;
  @IsInt({ each: true }) years!: number[];
}

class Untyped {
  @ValidateNested() thing!: object;
}

class TreeNode {
  @IsString() name!: string;
  @IsOptional() @ValidateNested({ each: true }) @Type(() => TreeNode) children!: TreeNode[];
}

describe('classJsonSchema', () => {
  const { schema, defs } = classJsonSchema(CompactSigned, { closed: true });

  it('maps validators to keywords, whatever the decorator order', () => {
    expect(schema.properties).toMatchObject({
      compactId: { type: 'string', minLength: 1 },
      signatoryCount: { type: 'integer', minimum: 0 },
      signedOn: { type: 'string', anyOf: [{ format: 'date' }, { format: 'date-time' }] },
      status: { type: 'string', enum: ['draft', 'signed'] },
      slug: { type: 'string', pattern: '^[a-z]+$' },
      years: { type: 'array', items: { type: 'integer' } },
    });
  });

  it('follows nested classes into $defs, closed like the root', () => {
    expect(schema.properties).toMatchObject({ signatories: { type: 'array', items: { $ref: '#/$defs/Signatory' } } });
    expect(Object.keys(defs)).toEqual(['Address', 'Signatory']);
    expect(defs.Signatory).toMatchObject({ type: 'object', required: ['organizationId'], additionalProperties: false });
  });

  it('makes @IsOptional fields optional and nullable', () => {
    expect(schema.required).toEqual(['compactId', 'signatoryCount', 'signedOn', 'status', 'slug', 'signatories', 'years']);
    expect(defs.Signatory.properties).toMatchObject({ personId: { type: ['string', 'null'] } });
    expect(schema.properties).toMatchObject({ address: { anyOf: [{ $ref: '#/$defs/Address' }, { type: 'null' }] } });
  });

  it('leaves objects open when not closed', () => {
    const open = classJsonSchema(CompactSigned, { closed: false });
    expect(open.schema.additionalProperties).toBeUndefined();
    expect(open.defs.Signatory.additionalProperties).toBeUndefined();
  });

  it('points a self-reference at the root', () => {
    const tree = classJsonSchema(TreeNode, { closed: true });
    expect(tree.defs).toEqual({});
    expect(tree.schema.properties).toMatchObject({ children: { type: ['array', 'null'], items: { $ref: '#' } } });
  });

  it('refuses @ValidateNested without @Type', () => {
    expect(() => classJsonSchema(Untyped, { closed: true })).toThrow(/Untyped\.thing: @ValidateNested\(\) needs @Type/);
  });
});
