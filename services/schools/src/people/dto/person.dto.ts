import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsOptionalNonNull, PageQuery } from '@crosswalk/platform';
import type { Person } from '../person.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreatePersonRequest {
  @ApiProperty({ example: 'Maria Lopez' }) @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(200) fullName!: string;
  @ApiProperty({ example: 'maria.lopez@example.org', description: 'Unique, compared case-insensitively' })
  @Transform(trim)
  @IsEmail()
  @MaxLength(254)
  email!: string;
}

export class UpdatePersonRequest {
  @ApiPropertyOptional({ example: 'Maria Lopez-Garcia' }) @IsOptionalNonNull() @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(200) fullName?: string;
  @ApiPropertyOptional({ example: 'maria.lopez@example.org' }) @IsOptionalNonNull() @Transform(trim) @IsEmail() @MaxLength(254) email?: string;
}

export class PersonListQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'maria.lopez@example.org', description: 'Exact match, case-insensitive' }) @IsOptional() @IsEmail() email?: string;
}

export class PersonResponse {
  @ApiProperty({ example: '01935a7e-5c2d-7e4f-8a11-2b3c4d5e6f70' }) id!: string;
  @ApiProperty({ example: 'Maria Lopez' }) fullName!: string;
  @ApiProperty({ example: 'maria.lopez@example.org' }) email!: string;
  @ApiProperty({ example: '2026-11-22T10:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ example: '2026-11-22T10:00:00.000Z' }) updatedAt!: string;

  static of(p: Person): PersonResponse {
    return { id: p.id, fullName: p.fullName, email: p.email, createdAt: new Date(p.createdAt).toISOString(), updatedAt: new Date(p.updatedAt).toISOString() };
  }
}

export class PersonPage {
  @ApiProperty({ type: [PersonResponse] }) items!: PersonResponse[];
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'MDE5MzVhN2UtNmQzZS03ZjUwLTliMjItM2M0ZDVlNmY3MDgx',
    description: 'Pass as `cursor` for the next page; null on the last page',
  })
  nextCursor!: string | null;
}
