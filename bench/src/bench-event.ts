import { type NewEvent, defineEvent } from '@crosswalk/contracts';
import { IsInt, IsString, Min } from 'class-validator';
import { Column, Entity, type MigrationInterface, PrimaryColumn, type QueryRunner, Table } from 'typeorm';

export const BENCH_EVENT = 'bench.ping';

export class BenchPing {
  @IsInt() @Min(0) seq!: number;
  /** Padding so a record is about the size of a real directory event (~600 bytes with the envelope). */
  @IsString() note!: string;
}

/** Topic names are set per run; the contract's topic is only used for documentation. */
defineEvent<BenchPing>({ type: BENCH_EVENT, version: 1, topic: 'bench.ping.v1', payload: BenchPing, description: 'benchmark event' });

const NOTE = 'x'.repeat(200);

export function benchEvent(seq: number, keys: number): NewEvent<BenchPing> {
  return { type: BENCH_EVENT, version: 1, key: `aggregate-${seq % keys}`, cityId: 'bench-city', payload: { seq, note: NOTE } };
}

/** What the consumer's handler writes besides the inbox row: one counter per aggregate, like a projection. */
@Entity({ name: 'bench_counter' })
export class BenchCounter {
  @PrimaryColumn({ type: 'varchar', length: 64 }) id!: string;
  @Column({ type: 'int' }) events!: number;
}

export class BenchCounterTable1764900000000 implements MigrationInterface {
  name = 'BenchCounterTable1764900000000';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'bench_counter',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'events', type: 'int' },
        ],
      }),
    );
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('bench_counter');
  }
}
