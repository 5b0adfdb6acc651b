import type { HolderKind, OrganizationKind, SchoolSector } from '@crosswalk/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

// The tables carry the lib's name, like the messaging lib's: each service has its own database, so one name per
// table serves every service that keeps the copy.

/** A city of the directory, to check the `cityId` of a service's own records. */
@Entity('directory_copy_city')
export class KnownCity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  @Column({ type: 'varchar', length: 2 }) state!: string;
  /** IANA name; null when the directory has none (or told of the city before cities had time zones). */
  @Column({ type: 'varchar', length: 64, nullable: true }) timeZone!: string | null;
}

/**
 * An organization of the directory (district, CMO, diocese, network, intermediary), to check the organization
 * ids of a service's own records (a fellowship program's operator). Its NCES id is not kept: nothing reads it.
 */
@Entity('directory_copy_organization')
export class KnownOrganization {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 36 }) cityId!: string;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  @Column({ type: 'varchar', length: 30 }) kind!: OrganizationKind;
}

/** The schools service's school (never read from its tables). */
@Entity('directory_copy_school')
export class KnownSchool {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 36 }) cityId!: string;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  @Column({ type: 'varchar', length: 30 }) sector!: SchoolSector;
  @Column({ type: 'date', nullable: true }) closedOn!: string | null;
}

/** A person of the directory: id and name only, no contact data. */
@Entity('directory_copy_person')
export class KnownPerson {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 200 }) fullName!: string;
}

/**
 * A leadership transition (any role, at a school or an organization). Kept whole rather than as "current
 * holders" so a role can be read as of a day, and a correction (`supersededBy`) replaces the original's effect
 * whatever their effective dates (the schools service keys both by the holder, so the original comes first).
 */
@Entity('directory_copy_role_transition')
@Index('ix_directory_copy_transition_incoming', ['incomingPersonId'])
@Index('ix_directory_copy_transition_holder', ['holderId', 'role'])
export class RoleTransition {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 20 }) holderKind!: HolderKind;
  @Column({ type: 'varchar', length: 36 }) holderId!: string;
  /**
   * Null only on a principal transition that colocations' earlier copy (which kept no city) had recorded for a
   * school it did not know yet; every transition learned from an event has its city.
   */
  @Column({ type: 'varchar', length: 36, nullable: true }) cityId!: string | null;
  @Column({ type: 'varchar', length: 60 }) role!: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) outgoingPersonId!: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) incomingPersonId!: string | null;
  @Column({ type: 'date' }) effectiveDate!: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) supersedesTransitionId!: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) supersededBy!: string | null;
  /** The event's occurredAt: orders two transitions on one day as they were recorded. */
  @Column({ type: 'datetime', precision: 3 }) recordedAt!: Date;
}
