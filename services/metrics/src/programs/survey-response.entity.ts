import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Each survey response at its highest revision seen: an edit replaces the answer, it is not a second one. */
@Entity('metrics_pd_survey_response')
export class SurveyResponse {
  @PrimaryColumn({ type: 'varchar', length: 36 }) responseId!: string;
  @Column({ type: 'varchar', length: 36 }) eventId!: string;
  @Column({ type: 'int' }) revision!: number;
  @Column({ type: 'int' }) usefulness!: number;
  @Column({ type: 'int' }) recommend!: number;
}
