// A registration's life on the waitlist and in its seat. Keyed by the event id (not the registration id),
// so one event's seats, offers and attendance stay in order on one partition.
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { defineEvent } from '../registry';
import { IsUtcInstant, PROGRAMS_TOPIC, RegistrationSnapshotV1 } from './common';

/**
 * What every registration record carries: the registration, its event (the key), the person and their
 * snapshot, so each record counts on its own in reach, new-vs-repeat and cross-sector figures.
 */
export class RegistrationFactV1 {
  @IsString() @IsNotEmpty() registrationId!: string;
  @IsString() @IsNotEmpty() eventId!: string;
  /** Set when the person registered for the whole series (one registration per session). */
  @IsOptional() @IsString() @IsNotEmpty() seriesId!: string | null;
  /** The event's city. */
  @IsString() @IsNotEmpty() cityId!: string;
  @IsString() @IsNotEmpty() personId!: string;
  @IsDefined() @ValidateNested() @Type(() => RegistrationSnapshotV1) snapshot!: RegistrationSnapshotV1;
}

export class RegistrationCreatedV1 extends RegistrationFactV1 {
  @IsUtcInstant() registeredAt!: string;
}

export const RegistrationCreated = defineEvent({
  type: 'events.registration.created',
  version: 1,
  topic: PROGRAMS_TOPIC,
  payload: RegistrationCreatedV1,
  description:
    'A person registered and took a seat (status registered), with their school, sector, city and role that day. Registering again while this registration is live publishes nothing. Key: event id.',
});

export class RegistrationWaitlistedV1 extends RegistrationFactV1 {
  @IsUtcInstant() registeredAt!: string;
}

export const RegistrationWaitlisted = defineEvent({
  type: 'events.registration.waitlisted',
  version: 1,
  topic: PROGRAMS_TOPIC,
  payload: RegistrationWaitlistedV1,
  description:
    'A person registered while the event was full and joined its waitlist (status waitlisted), with their snapshot. Together with events.registration.created this counts every registration once. Key: event id.',
});

export class RegistrationOfferedV1 extends RegistrationFactV1 {
  @IsUtcInstant() offeredAt!: string;
  /** The offer is good strictly before this instant; at it, the offer expires. */
  @IsUtcInstant() expiresAt!: string;
}

export const RegistrationOffered = defineEvent({
  type: 'events.registration.offered',
  version: 1,
  topic: PROGRAMS_TOPIC,
  payload: RegistrationOfferedV1,
  description: 'A seat freed and was offered to the first in line on the waitlist (status offered), held for them until `expiresAt`. Key: event id.',
});

export class RegistrationAcceptedV1 extends RegistrationFactV1 {
  @IsUtcInstant() offeredAt!: string;
  @IsUtcInstant() acceptedAt!: string;
}

export const RegistrationAccepted = defineEvent({
  type: 'events.registration.accepted',
  version: 1,
  topic: PROGRAMS_TOPIC,
  payload: RegistrationAcceptedV1,
  description: 'A waitlisted person accepted their offer in time and took the seat (status registered). Key: event id.',
});

export class RegistrationDeclinedV1 extends RegistrationFactV1 {
  @IsUtcInstant() offeredAt!: string;
  @IsUtcInstant() declinedAt!: string;
}

export const RegistrationDeclined = defineEvent({
  type: 'events.registration.declined',
  version: 1,
  topic: PROGRAMS_TOPIC,
  payload: RegistrationDeclinedV1,
  description: 'A waitlisted person declined their offer (status declined); the seat passes to the next in line. Key: event id.',
});

export class RegistrationOfferExpiredV1 extends RegistrationFactV1 {
  @IsUtcInstant() offeredAt!: string;
  @IsUtcInstant() expiresAt!: string;
}

export const RegistrationOfferExpired = defineEvent({
  type: 'events.registration.offer-expired',
  version: 1,
  topic: PROGRAMS_TOPIC,
  payload: RegistrationOfferExpiredV1,
  description: 'An offer reached its deadline unanswered (status expired); the seat passes to the next in line. Key: event id.',
});

/** Who ended the registration: the person or an operator (`withdrawn`), or the event's cancellation. */
export const REGISTRATION_CANCELLATION_CAUSES = ['withdrawn', 'event_cancelled'] as const;
export type RegistrationCancellationCause = (typeof REGISTRATION_CANCELLATION_CAUSES)[number];

/** The statuses a registration can be cancelled from. */
export const CANCELLABLE_REGISTRATION_STATUSES = ['registered', 'waitlisted', 'offered'] as const;
export type CancellableRegistrationStatus = (typeof CANCELLABLE_REGISTRATION_STATUSES)[number];

export class RegistrationCancelledV1 extends RegistrationFactV1 {
  @IsIn(CANCELLABLE_REGISTRATION_STATUSES) previousStatus!: CancellableRegistrationStatus;
  @IsIn(REGISTRATION_CANCELLATION_CAUSES) cause!: RegistrationCancellationCause;
  @IsOptional() @IsString() @MaxLength(500) reason!: string | null;
  @IsUtcInstant() cancelledAt!: string;
  /** True when it gave up a seat (registered or offered), which then goes to the next in line. */
  @IsBoolean() seatFreed!: boolean;
}

export const RegistrationCancelled = defineEvent({
  type: 'events.registration.cancelled',
  version: 1,
  topic: PROGRAMS_TOPIC,
  payload: RegistrationCancelledV1,
  description:
    'A registration was cancelled (status cancelled) by the person or an operator, or because the event was cancelled; a freed seat goes to the next in line. Key: event id.',
});
