// Services write `@HandlesEvent(Contract)` handlers: the InboxKafkaServer transport runs them through the
// inbox (exactly once, retries, dead letters) with the checked envelope and the transaction manager.
import 'reflect-metadata';
import { type EventOf } from '@crosswalk/contracts';
import { currentContext } from '@crosswalk/observability';
import { pollUntil } from '@crosswalk/testing';
import { Controller, Global, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, type MicroserviceOptions, Payload } from '@nestjs/microservices';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import {
  type InboxContext,
  InboxExceptionFilter,
  MessagingModule,
  UnitOfWork,
  connectInbox,
  InboxKafkaServer,
  HandlesEvent,
  type InboxOutcome,
  PermanentEventError,
  deadLetterInfo,
} from '../src';
import {
  COUNTER_DLQ,
  COUNTER_TOPIC,
  CounterIncrementedEvent,
  CounterRow,
  FAST_GROUP,
  type Harness,
  QUIET_KAFKA,
  collectingLogger,
  counterEvent,
  counters,
  inboxCount,
  rawEnvelope,
  rawProducer,
  readTopic,
  startHarness,
} from './support';

jest.setTimeout(60_000);

const seen: { id: string; attempt: number; causationId: string | null | undefined }[] = [];

@Injectable()
class CounterService {
  async apply(envelope: EventOf<typeof CounterIncrementedEvent>, ctx: InboxContext): Promise<void> {
    const repository = ctx.manager.getRepository(CounterRow);
    const row = (await repository.findOne({ where: { id: envelope.payload.counterId } })) ?? {
      id: envelope.payload.counterId,
      value: 0,
      events: 0,
      lastSeq: 0,
      lastOccurredAt: new Date(0),
    };
    row.value += envelope.payload.amount;
    row.events += 1;
    row.lastSeq = envelope.payload.seq;
    row.lastOccurredAt = new Date(envelope.occurredAt);
    await repository.save(row);
  }
}

@Controller()
class CounterHandlers {
  constructor(private readonly counters: CounterService) {}

  @HandlesEvent(CounterIncrementedEvent)
  async onIncremented(@Payload() envelope: EventOf<typeof CounterIncrementedEvent>, @Ctx() ctx: InboxContext): Promise<void> {
    seen.push({ id: envelope.id, attempt: ctx.attempt, causationId: currentContext()?.causationId });
    if (envelope.payload.fail === 'permanent') throw new PermanentEventError('this counter is closed');
    if (envelope.payload.fail === 'transient:1' && ctx.attempt === 1) throw new Error('database hiccup');
    await this.counters.apply(envelope, ctx);
  }
}

@Module({ controllers: [CounterHandlers], providers: [CounterService] })
class CounterModule {}

describe('InboxKafkaServer (NestJS transport)', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness('msg_nest');
  });
  afterEach(async () => {
    await h.stop();
  });

  it('runs @HandlesEvent handlers exactly once, retries, and dead-letters with the real error', async () => {
    const outcomes: InboxOutcome[] = [];
    const server = new InboxKafkaServer({
      consumer: 'nest-projection',
      topics: [COUNTER_TOPIC],
      dataSource: h.dataSource,
      brokers: h.brokers,
      kafka: QUIET_KAFKA,
      group: FAST_GROUP,
      maxAttempts: 3,
      backoff: { initialMs: 50, maxMs: 200 },
      logger: collectingLogger(),
      onOutcome: (o) => outcomes.push(o),
    });
    const app = await NestFactory.createMicroservice<MicroserviceOptions>(CounterModule, { strategy: server, logger: false });
    app.useGlobalFilters(new InboxExceptionFilter());
    await app.listen();
    const producer = await rawProducer(h.brokers);
    try {
      const ok = rawEnvelope('nest-1', 1, { payload: { counterId: 'nest-1', amount: 4, seq: 1 } });
      const flaky = rawEnvelope('nest-1', 2, { payload: { counterId: 'nest-1', amount: 1, seq: 2, fail: 'transient:1' } });
      const closed = rawEnvelope('nest-2', 1, { payload: { counterId: 'nest-2', amount: 1, seq: 1, fail: 'permanent' } });
      await producer.send([
        { key: 'nest-1', value: JSON.stringify(ok) },
        { key: 'nest-1', value: JSON.stringify(ok) },
        { key: 'nest-1', value: JSON.stringify(flaky) },
        { key: 'nest-2', value: JSON.stringify(closed) },
      ]);
      await pollUntil(
        () => outcomes.length,
        (n) => n === 4,
        { description: '4 records processed' },
      );
      expect((await counters(h.dataSource))['nest-1']).toMatchObject({ value: 5, events: 2 });
      expect(await inboxCount(h.dataSource, 'nest-projection')).toBe(2);
      expect(outcomes.map((o) => o.kind).sort()).toEqual(['applied', 'applied', 'dead-lettered', 'duplicate']);
      expect(seen.filter((s) => s.id === flaky.id).map((s) => s.attempt)).toEqual([1, 2]);
      // Handlers run in the event's context: what they record is caused by this event.
      expect(seen.find((s) => s.id === ok.id)?.causationId).toBe(ok.id);

      const [letter] = await readTopic(h.brokers, COUNTER_DLQ, 1);
      // Thanks to InboxExceptionFilter the cause survives Nest's RPC exception layer.
      expect(deadLetterInfo(letter.headers)).toMatchObject({ reason: 'rejected', error: 'this counter is closed', attempts: 1, consumer: 'nest-projection' });

      // The group id is exactly the consumer name (no "-server" suffix).
      const admin = new Kafka({ brokers: h.brokers, logLevel: QUIET_KAFKA.logLevel }).admin();
      await admin.connect();
      // Offsets are committed after the outcomes are reported, and without holding up the next fetch.
      const committed = async (): Promise<number> => {
        const offsets = await admin.fetchOffsets({ groupId: 'nest-projection', topics: [COUNTER_TOPIC] });
        return offsets[0].partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
      };
      await pollUntil(committed, (n) => n === 4, { description: 'the four offsets committed' });
      await admin.disconnect();
    } finally {
      await producer.close();
      await app.close();
    }
  });

  it('MessagingModule wires UnitOfWork and the relay; createInboxServer wires the read side', async () => {
    const logger = collectingLogger();
    @Global()
    @Module({ providers: [{ provide: DataSource, useValue: h.dataSource }], exports: [DataSource] })
    class TestDatabaseModule {}
    @Module({
      imports: [TestDatabaseModule, MessagingModule.forService({ service: 'nest-app', brokers: h.brokers, kafka: QUIET_KAFKA, logger }), CounterModule],
    })
    class AppModule {}

    const app = await NestFactory.create(AppModule, { logger: false });
    // What services do (beforeListen): connectInbox must register InboxExceptionFilter before Nest wires the handlers.
    await connectInbox(app, { consumer: 'nest-app-projection', topics: [COUNTER_TOPIC], group: FAST_GROUP });
    await app.init();
    try {
      const unitOfWork = app.get(UnitOfWork);
      await unitOfWork.run(async (tx) => tx.record(counterEvent('wired', 1, 3)));
      await pollUntil(
        async () => (await counters(h.dataSource))['wired']?.value,
        (v) => v === 3,
        { description: 'event applied through the app' },
      );
      const producer = await rawProducer(h.brokers);
      const closed = rawEnvelope('wired-closed', 1, { payload: { counterId: 'wired-closed', amount: 1, seq: 1, fail: 'permanent' } });
      await producer.send([{ key: 'wired-closed', value: JSON.stringify(closed) }]);
      await producer.close();
      const [letter] = await readTopic(h.brokers, COUNTER_DLQ, 1);
      // Without the filter Nest's RPC layer would turn the PermanentEventError into a retried 'Internal server error'.
      expect(deadLetterInfo(letter.headers)).toMatchObject({ reason: 'rejected', error: 'this counter is closed', attempts: 1 });
    } finally {
      await app.close();
    }
    // Closed in order: the relay stopped (and its outbox row was marked sent) before the data source went away.
    expect(await h.dataSource.query('SELECT status FROM messaging_outbox')).toEqual([{ status: 'sent' }]);
    // The one error is the deliberate dead letter, logged with its real cause.
    expect(logger.lines.filter((l) => l.level === 'error').map((l) => [l.message, (l.fields as { error?: string } | undefined)?.error])).toEqual([
      ['event dead-lettered', 'this counter is closed'],
    ]);
  });
});
