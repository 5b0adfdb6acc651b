import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsNotEmpty, IsOptional, IsString, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '../dates';
import { defineEvent } from '../registry';

const COMPACTS_TOPIC = 'schools.compacts.v1';

export class CompactSignatureV1 {
  @IsString() @IsNotEmpty() signatoryId!: string;
  @IsString() @IsNotEmpty() organizationId!: string;
  @IsString() @IsNotEmpty() personId!: string;
  /** The role the signer held at the organization on the signing day (e.g. `chief`); null if none. */
  @IsOptional() @IsString() roleAtSigning!: string | null;
  @IsOptional() @IsString() tenureId!: string | null;
  @IsCalendarDate() signedOn!: string;
}

export class CompactSignedV1 {
  @IsString() @IsNotEmpty() compactId!: string;
  @IsString() @IsNotEmpty() cityId!: string;
  @IsString() @IsNotEmpty() title!: string;
  @IsCalendarDate() signedOn!: string;
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => CompactSignatureV1) signatories!: CompactSignatureV1[];
}

export const CompactSigned = defineEvent({
  type: 'schools.compact.signed',
  version: 1,
  topic: COMPACTS_TOPIC,
  payload: CompactSignedV1,
  description: 'A city-level collaboration compact was signed by its first signatories. Key: compact id.',
});

export class CompactSignatoryAddedV1 extends CompactSignatureV1 {
  @IsString() @IsNotEmpty() compactId!: string;
  @IsString() @IsNotEmpty() cityId!: string;
}

export const CompactSignatoryAdded = defineEvent({
  type: 'schools.compact.signatory-added',
  version: 1,
  topic: COMPACTS_TOPIC,
  payload: CompactSignatoryAddedV1,
  description: 'An organization signed an existing compact. Key: compact id.',
});
