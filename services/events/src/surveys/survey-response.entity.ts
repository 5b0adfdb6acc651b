import type { ImplementationIntent } from '@crosswalk/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One attendee's survey answer for an event, as last revised; every revision is kept in SurveyRevision. */
@Entity('event_survey_response')
@Index('ux_event_survey_response_person', ['eventId', 'personId'], { unique: true })
export class SurveyResponse {
  /** The response id of the contract: stable across revisions. */
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 36 }) eventId!: string;
  /** The event's city: what the caller's scope is checked against. */
  @Column({ type: 'varchar', length: 36 }) cityId!: string;
  @Column({ type: 'varchar', length: 36 }) registrationId!: string;
  @Column({ type: 'varchar', length: 36 }) personId!: string;
  @Column({ type: 'int' }) revision!: number;
  @Column({ type: 'int' }) usefulness!: number;
  @Column({ type: 'int' }) recommend!: number;
  @Column({ type: 'varchar', length: 10 }) intent!: ImplementationIntent;
  /** Free text stays here: it may name people, so only `hasComment` is published. */
  @Column({ type: 'text', nullable: true }) comment!: string | null;
  @Column({ type: 'datetime', precision: 3 }) firstSubmittedAt!: Date;
  @Column({ type: 'datetime', precision: 3 }) submittedAt!: Date;
}

/** Append-only: every answer a response has had, by revision. */
@Entity('event_survey_revision')
export class SurveyRevision {
  @PrimaryColumn({ type: 'varchar', length: 36 }) responseId!: string;
  @PrimaryColumn({ type: 'int' }) revision!: number;
  @Column({ type: 'varchar', length: 36 }) eventId!: string;
  @Column({ type: 'int' }) usefulness!: number;
  @Column({ type: 'int' }) recommend!: number;
  @Column({ type: 'varchar', length: 10 }) intent!: ImplementationIntent;
  @Column({ type: 'text', nullable: true }) comment!: string | null;
  @Column({ type: 'datetime', precision: 3 }) submittedAt!: Date;
}
