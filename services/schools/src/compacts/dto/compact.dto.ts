import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '@crosswalk/contracts';
import { PageQuery } from '@crosswalk/platform';

export class SignatureRequest {
  @ApiProperty({ example: '01935a7e-4b1c-7d3e-9f00-1a2b3c4d5e6f' }) @IsString() @IsNotEmpty() organizationId!: string;
  @ApiProperty({ example: '01935a7e-5c2d-7e4f-8a11-2b3c4d5e6f70' }) @IsString() @IsNotEmpty() personId!: string;
}

export class CreateCompactRequest {
  @ApiProperty({ example: '01935a7e-0000-7000-8000-000000000001' }) @IsString() @IsNotEmpty() cityId!: string;

  @ApiProperty({ example: 'Denver District-Charter Collaboration Compact' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title!: string;

  @ApiProperty({ example: '2026-09-15' }) @IsCalendarDate() signedOn!: string;

  @ApiProperty({ type: [SignatureRequest], description: "One per organization, each in the compact's city" })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => SignatureRequest)
  signatories!: SignatureRequest[];
}

export class AddSignatoryRequest extends SignatureRequest {
  @ApiPropertyOptional({ example: '2026-10-01', description: 'Default: today' }) @IsOptional() @IsCalendarDate() signedOn?: string;
}

export class CompactListQuery extends PageQuery {
  @ApiPropertyOptional({ example: '01935a7e-0000-7000-8000-000000000001' }) @IsOptional() @IsString() @IsNotEmpty() cityId?: string;
}

export class CurrentChief {
  @ApiProperty({ example: '01935a7e-5c2d-7e4f-8a11-2b3c4d5e6f71' }) personId!: string;
  @ApiProperty({ example: 'James Carter' }) fullName!: string;
  @ApiProperty({ example: '2026-07-01' }) since!: string;
}

export class SignatoryResponse {
  @ApiProperty({ example: '01935a7e-9a61-7c83-8e55-6f708192a3b5' }) id!: string;
  @ApiProperty({ example: '01935a7e-4b1c-7d3e-9f00-1a2b3c4d5e6f' }) organizationId!: string;
  @ApiProperty({ example: 'Denver Public Schools' }) organizationName!: string;
  @ApiProperty({ example: '01935a7e-5c2d-7e4f-8a11-2b3c4d5e6f70' }) personId!: string;
  @ApiProperty({ example: 'Maria Lopez' }) fullName!: string;
  @ApiProperty({ nullable: true, type: String, example: 'chief', description: 'The role the signer held at the organization that day' }) roleAtSigning!:
    string | null;
  @ApiProperty({ example: '2026-09-15' }) signedOn!: string;
  @ApiProperty({ example: false, description: 'The signer still holds roleAtSigning at the organization today' }) stillInRole!: boolean;
  @ApiProperty({ type: CurrentChief, nullable: true }) currentChief!: CurrentChief | null;
}

export class CompactResponse {
  @ApiProperty({ example: '01935a7e-9a61-7c83-8e55-6f708192a3b4' }) id!: string;
  @ApiProperty({ example: '01935a7e-0000-7000-8000-000000000001' }) cityId!: string;
  @ApiProperty({ example: 'Denver District-Charter Collaboration Compact' }) title!: string;
  @ApiProperty({ example: '2026-09-15' }) signedOn!: string;
  @ApiProperty({ example: '2026-11-22T10:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ type: [SignatoryResponse] }) signatories!: SignatoryResponse[];
}

export class CompactPage {
  @ApiProperty({ type: [CompactResponse] }) items!: CompactResponse[];
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'MDE5MzVhN2UtNmQzZS03ZjUwLTliMjItM2M0ZDVlNmY3MDgx',
    description: 'Pass as `cursor` for the next page; null on the last page',
  })
  nextCursor!: string | null;
}
