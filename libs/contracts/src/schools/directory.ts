import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsCalendarDate, IsIanaTimeZone } from '../dates';
import { PersonalData } from '../personal-data';
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

/**
 * Version 1 of the person events carried the person's email address on this analytics topic, to every consumer.
 * Contact data now travels on the restricted `schools.contacts.v1` (`PersonContactChanged`), so version 2 drops
 * it; version 1 stays registered because its records remain on the topic and replay meets them. Its upcaster
 * drops the address: no Crosswalk service takes an address from this topic, old records included.
 */
export class PersonCreatedV1 {
  @IsString() @IsNotEmpty() personId!: string;
  @PersonalData('name') @IsString() @IsNotEmpty() fullName!: string;
  @PersonalData('contact') @IsEmail() email!: string;
}

/** The person as the directory shows them: no contact data (that is on `schools.contacts.v1`). */
export class PersonCreatedV2 {
  @IsString() @IsNotEmpty() personId!: string;
  @PersonalData('name') @IsString() @IsNotEmpty() fullName!: string;
}

/** Version 1 to 2: the address is dropped, never carried forward. */
const withoutContact = ({ personId, fullName }: PersonCreatedV1): PersonCreatedV2 => ({ personId, fullName });

const PERSON_CREATED = 'schools.person.created';
const PERSON_UPDATED = 'schools.person.updated';

/** Superseded: records written before contact data left this topic. */
export const PersonCreatedV1Contract = defineEvent({
  type: PERSON_CREATED,
  version: 1,
  topic: DIRECTORY_TOPIC,
  payload: PersonCreatedV1,
  // The description it was published with: a published version's documents do not change.
  description: 'A person (leader, signer, facilitator) was added. People belong to no city: cityId is null. Key: person id.',
  upcast: withoutContact,
});

export const PersonCreated = defineEvent({
  type: PERSON_CREATED,
  version: 2,
  topic: DIRECTORY_TOPIC,
  payload: PersonCreatedV2,
  description:
    'A person (leader, signer, facilitator) was added. People belong to no city: cityId is null. No contact data: the ' +
    'address is on schools.contacts.v1. Key: person id.',
});

export class PersonUpdatedV1 extends PersonCreatedV1 {}

/** The whole person after the change (name only: a change of address alone publishes no directory event). */
export class PersonUpdatedV2 extends PersonCreatedV2 {}

/** Superseded: records written before contact data left this topic. */
export const PersonUpdatedV1Contract = defineEvent({
  type: PERSON_UPDATED,
  version: 1,
  topic: DIRECTORY_TOPIC,
  payload: PersonUpdatedV1,
  description: 'A person changed; the payload is the whole person after the change. Key: person id.',
  upcast: withoutContact,
});

export const PersonUpdated = defineEvent({
  type: PERSON_UPDATED,
  version: 2,
  topic: DIRECTORY_TOPIC,
  payload: PersonUpdatedV2,
  description: "A person's name changed; the payload is the whole person after the change, without contact data. Key: person id.",
});
