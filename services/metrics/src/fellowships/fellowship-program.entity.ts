import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ProgramKind } from '@crosswalk/contracts';

/** A program, named by its `fellowships.program.created` (null until then). */
@Entity('metrics_fs_program')
export class FellowshipProgram {
  @PrimaryColumn({ type: 'varchar', length: 36 }) programId!: string;
  @Column({ type: 'varchar', length: 200, nullable: true }) name!: string | null;
  @Column({ type: 'varchar', length: 30 }) kind!: ProgramKind;
}

/**
 * The cities a program serves (every record names them). A program's fellows count in each of its cities, so
 * the tallies carry no city: a city's rows are its programs' tallies.
 */
@Entity('metrics_fs_program_city')
@Index('ix_metrics_fs_program_city_city', ['cityId', 'programId'])
export class FellowshipProgramCity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) programId!: string;
  @PrimaryColumn({ type: 'varchar', length: 36 }) cityId!: string;
}
