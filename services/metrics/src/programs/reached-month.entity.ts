import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ReachedKind } from './first-attendance.entity';
import type { Month } from './months.rules';

/** The network as a scope: every city together (city keys start at 1). */
export const NETWORK_SCOPE = 0;

/**
 * Each month in which a person, school or school leader was reached, per city (`scopeKey` = the city's key) and
 * across the network (`scopeKey` = NETWORK_SCOPE, someone reached in two cities once), with that month's
 * attendances and the subject's previous month reached in the same scope ('' for none). The previous month
 * is what makes a period's distinct count a sum: a subject reached within months [F, L] is counted exactly
 * once, at its first month in the range, the only one whose previous month is before F (see
 * `ReachedMonthCount`). Each row also carries its first and last attended day and the subject's next month
 * reached (NO_LATER_MONTH for none), which make a period's edge days a scan of one month's rows: a subject
 * attended on the days from D to the end of its month M0 is one whose M0 row has `lastDay >= D`, and
 * reached in none of the whole months after M0 when its next month is after them. Kept by the handlers with
 * every attendance added, removed or moved.
 * - the primary key (scope, kind, month, subject) gives a range of months' rows per scope (schools'
 *   attendances of a period);
 * - `ix_..._subject` finds a subject's neighbouring months, and whether it was reached within a range.
 */
@Entity('metrics_pd_reached_month')
@Index('ix_metrics_pd_reached_month_subject', ['scopeKey', 'subjectKind', 'subjectKey', 'month'])
export class ReachedMonth {
  @PrimaryColumn({ type: 'integer' }) scopeKey!: number;
  @PrimaryColumn({ type: 'varchar', length: 8 }) subjectKind!: ReachedKind;
  @PrimaryColumn({ type: 'varchar', length: 7 }) month!: Month;
  @PrimaryColumn({ type: 'integer' }) subjectKey!: number;
  @Column({ type: 'integer' }) attendances!: number;
  @Column({ type: 'varchar', length: 7 }) previousMonth!: Month;
  @Column({ type: 'varchar', length: 7 }) nextMonth!: Month;
  /** The month's first and last day with an attendance of the subject in the scope. */
  @Column({ type: 'date' }) firstDay!: string;
  @Column({ type: 'date' }) lastDay!: string;
}

/**
 * How many subjects of a kind were reached in a scope in `month` whose previous month reached was
 * `previousMonth` ('' for none): the `ReachedMonth` rows counted by (month, previous month). Distinct subjects
 * reached within whole months [F, L] = the sum over month in [F, L] and previousMonth < F: a few hundred rows
 * per scope and kind however many attendances there are. Rows that fall to zero stay (they add nothing).
 */
@Entity('metrics_pd_reached_month_count')
export class ReachedMonthCount {
  @PrimaryColumn({ type: 'integer' }) scopeKey!: number;
  @PrimaryColumn({ type: 'varchar', length: 8 }) subjectKind!: ReachedKind;
  @PrimaryColumn({ type: 'varchar', length: 7 }) month!: Month;
  @PrimaryColumn({ type: 'varchar', length: 7 }) previousMonth!: Month;
  @Column({ type: 'integer' }) subjects!: number;
}
