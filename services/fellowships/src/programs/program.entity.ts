import type { ProgramKind, ProgramStatus } from '@crosswalk/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('fellowship_program')
export class Program {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  @Column({ type: 'varchar', length: 40 }) kind!: ProgramKind;
  @Column({ type: 'varchar', length: 36 }) operatorOrganizationId!: string;
  @Column({ type: 'varchar', length: 20 }) status!: ProgramStatus;
  @Column({ type: 'date', nullable: true }) discontinuedOn!: string | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) discontinueReason!: string | null;
  @Column({ type: 'datetime', precision: 3 }) createdAt!: Date;
}

/** A city the program serves: a city operator acts on the programs serving one of its cities. */
@Entity('fellowship_program_city')
@Index('ix_fellowship_program_city_city', ['cityId'])
export class ProgramCity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) programId!: string;
  @PrimaryColumn({ type: 'varchar', length: 36 }) cityId!: string;
}

/** A requirement or non-negotiable of a program, in the order it was given. */
@Entity('fellowship_requirement')
@Index('ix_fellowship_requirement_program', ['programId', 'position'])
export class ProgramRequirement {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 36 }) programId!: string;
  @Column({ type: 'int' }) position!: number;
  @Column({ type: 'varchar', length: 500 }) text!: string;
  @Column({ type: 'boolean' }) required!: boolean;
}
