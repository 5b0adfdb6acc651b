import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A school's closing day: its principal's tenure ends that day, so it has no principal after it. */
@Entity('metrics_school_closure')
export class SchoolClosure {
  @PrimaryColumn({ type: 'varchar', length: 36 }) schoolId!: string;
  @Column({ type: 'varchar', length: 36 }) cityId!: string;
  @Column({ type: 'date' }) closedOn!: string;
}
