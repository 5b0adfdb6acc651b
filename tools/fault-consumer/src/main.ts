// A consumer process for fault tests (test/e2e/consumer-sigkill.e2e-spec.ts): an inbox consumer whose
// projection COUNTS, so an event applied twice shows, and which logs nothing but errors. Killed with SIGKILL
// by the test mid-batch and started again.
import 'reflect-metadata';
import { defineEvent } from '@crosswalk/contracts';
import { InboxConsumer, MESSAGING_ENTITIES, MESSAGING_MIGRATIONS, type MessagingLogger } from '@crosswalk/messaging';
import { openServiceDatabase } from '@crosswalk/persistence';
import { IsInt, Min } from 'class-validator';
import { logLevel } from 'kafkajs';
import { Column, Entity, type MigrationInterface, PrimaryColumn, PrimaryGeneratedColumn, type QueryRunner, Table } from 'typeorm';

export const TICK_EVENT = 'fault.tick';
export const TICK_TOPIC = 'fault.ticks.v1';

class Tick {
  @IsInt() @Min(0) seq!: number;
}

defineEvent<Tick>({ type: TICK_EVENT, version: 1, topic: TICK_TOPIC, payload: Tick, description: 'fault-test tick' });

/** One row per aggregate key: `applied` counts applications, with no uniqueness to hide a second one. */
@Entity({ name: 'fault_tally' })
class Tally {
  @PrimaryColumn({ type: 'varchar', length: 64 }) id!: string;
  @Column({ type: 'int' }) applied!: number;
}

/** One row per application (no unique key on eventId on purpose: a double application adds a second row). */
@Entity({ name: 'fault_application' })
class Application {
  @PrimaryGeneratedColumn({ type: 'int' }) id!: number;
  @Column({ type: 'varchar', length: 64 }) eventId!: string;
}

class FaultTables1764900000001 implements MigrationInterface {
  name = 'FaultTables1764900000001';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'fault_tally',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'applied', type: 'int' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'fault_application',
        columns: [
          { name: 'id', type: 'int', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'eventId', type: 'varchar', length: '64' },
        ],
      }),
    );
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('fault_application');
    await queryRunner.dropTable('fault_tally');
  }
}

const logger: MessagingLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (fields, message) => process.stderr.write(`${message} ${JSON.stringify(fields)}\n`),
};

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

async function main(): Promise<void> {
  const dataSource = await openServiceDatabase({
    service: 'fault-consumer',
    databaseUrl: required('DATABASE_URL'),
    entities: [...MESSAGING_ENTITIES, Tally, Application],
    migrations: [...MESSAGING_MIGRATIONS, FaultTables1764900000001],
  });
  const delayMs = Number(process.env.HANDLER_DELAY_MS ?? 2);
  const consumer = new InboxConsumer({
    consumer: 'fault-tally',
    topics: [TICK_TOPIC],
    dataSource,
    brokers: required('KAFKA_BROKERS').split(','),
    kafka: { logLevel: logLevel.NOTHING },
    group: { sessionTimeout: 6000, rebalanceTimeout: 4000, heartbeatInterval: 500, maxWaitTimeInMs: 250 },
    logger,
    handlers: {
      [TICK_EVENT]: async (envelope, ctx) => {
        // Slow enough that a kill lands inside a transaction or between commit and offset commit.
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        const tallies = ctx.manager.getRepository(Tally);
        const tally = (await tallies.findOne({ where: { id: envelope.key } })) ?? { id: envelope.key, applied: 0 };
        tally.applied += 1;
        await tallies.save(tally);
        await ctx.manager.getRepository(Application).insert({ eventId: envelope.id });
      },
    },
  });
  await consumer.start();
  process.stdout.write('fault-consumer ready\n');
  const stop = (): void => {
    void consumer
      .close()
      .then(() => dataSource.destroy())
      .then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`fault-consumer failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
