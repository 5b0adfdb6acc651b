import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsCalendarDate, IsIanaTimeZone } from '../dates';
import { defineEvent } from '../registry';

const DIRECTORY_TOPIC = 'schools.directory.v1';

export const ORGANIZATION_KINDS = ['district', 'cmo', 'diocese', 'independent_network', 'intermediary'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

export const SCHOOL_SECTORS = ['district', 'charter', 'catholic', 'independent', 'faith_based'] as const;
export type SchoolSector = (typeof SCHOOL_SECTORS)[number];

export class CityCreatedV1 {
  @IsString() @IsNotEmpty() cityId!: string;
  @IsString() @IsNotEmpty() name!: string;
  /** Two-letter US state code. */
  @IsString() @Length(2, 2) @Matches(/^[A-Z]{2}$/) state!: string;
  /**
   * The city's IANA time zone (`America/Denver`), absent when the directory has none: an optional addition to
   * version 1, so events published before it, and consumers that predate it, stay valid.
   */
  @IsOptional() @IsIanaTimeZone() timeZone?: string;
}

export const CityCreated = defineEvent({
  type: 'schools.city.created',
  version: 1,
  topic: DIRECTORY_TOPIC,
  payload: CityCreatedV1,
  description: 'A city joined the network. Key: city id.',
});

/** The city as it is after the change (a full state, so a consumer never merges partial updates). */
export class CityUpdatedV1 extends CityCreatedV1 {}

export const CityUpdated = defineEvent({
  type: 'schools.city.updated',
  version: 1,
  topic: DIRECTORY_TOPIC,
  payload: CityUpdatedV1,
  description: "A city's name, state or time zone changed; the payload is the whole city after the change. Key: city id.",
});

export class OrganizationCreatedV1 {
  @IsString() @IsNotEmpty() organizationId!: string;
  @IsString() @IsNotEmpty() cityId!: string;
  @IsString() @IsNotEmpty() name!: string;
  @IsIn(ORGANIZATION_KINDS) kind!: OrganizationKind;
  /** 7-digit NCES LEA id, when the organization is a local education agency. */
  @IsOptional() @Matches(/^\d{7}$/) ncesLeaId!: string | null;
}

export const OrganizationCreated = defineEvent({
  type: 'schools.organization.created',
  version: 1,
  topic: DIRECTORY_TOPIC,
  payload: OrganizationCreatedV1,
  description: 'A district, CMO, diocese, independent network or intermediary was added. Key: organization id.',
});

export class OrganizationUpdatedV1 extends OrganizationCreatedV1 {}

export const OrganizationUpdated = defineEvent({
  type: 'schools.organization.updated',
  version: 1,
  topic: DIRECTORY_TOPIC,
  payload: OrganizationUpdatedV1,
  description: 'An organization changed; the payload is the whole organization after the change. Key: organization id.',
});

export class SchoolCreatedV1 {
  @IsString() @IsNotEmpty() schoolId!: string;
  @IsString() @IsNotEmpty() cityId!: string;
  @IsString() @IsNotEmpty() name!: string;
  @IsIn(SCHOOL_SECTORS) sector!: SchoolSector;
  /** The operator: district/LEA, CMO, diocese or network; null for a stand-alone school. */
  @IsOptional() @IsString() organizationId!: string | null;
  /** 12-digit NCES school id. */
  @IsOptional() @Matches(/^\d{12}$/) ncesId!: string | null;
}

export const SchoolCreated = defineEvent({
  type: 'schools.school.created',
  version: 1,
  topic: DIRECTORY_TOPIC,
  payload: SchoolCreatedV1,
  description: 'A school was added to the directory (open). Key: school id.',
});

export class SchoolUpdatedV1 extends SchoolCreatedV1 {}

export const SchoolUpdated = defineEvent({
  type: 'schools.school.updated',
  version: 1,
  topic: DIRECTORY_TOPIC,
  payload: SchoolUpdatedV1,
  description: 'A school changed; the payload is the whole school after the change. Key: school id.',
});

export class SchoolClosedV1 {
  @IsString() @IsNotEmpty() schoolId!: string;
  @IsString() @IsNotEmpty() cityId!: string;
  @IsCalendarDate() effectiveDate!: string;
  /** Ids of the tenures the closure ended on `effectiveDate` (principal and any other open role). */
  @IsString({ each: true }) endedTenureIds!: string[];
}

export const SchoolClosed = defineEvent({
  type: 'schools.school.closed',
  version: 1,
  topic: DIRECTORY_TOPIC,
  payload: SchoolClosedV1,
  description: 'A school closed; its open tenures ended on the closing date. Key: school id.',
});

export class PersonCreatedV1 {
  @IsString() @IsNotEmpty() personId!: string;
  @IsString() @IsNotEmpty() fullName!: string;
  @IsEmail() email!: string;
}

export const PersonCreated = defineEvent({
  type: 'schools.person.created',
  version: 1,
  topic: DIRECTORY_TOPIC,
  payload: PersonCreatedV1,
  description: 'A person (leader, signer, facilitator) was added. People belong to no city: cityId is null. Key: person id.',
});

export class PersonUpdatedV1 extends PersonCreatedV1 {}

export const PersonUpdated = defineEvent({
  type: 'schools.person.updated',
  version: 1,
  topic: DIRECTORY_TOPIC,
  payload: PersonUpdatedV1,
  description: 'A person changed; the payload is the whole person after the change. Key: person id.',
});
