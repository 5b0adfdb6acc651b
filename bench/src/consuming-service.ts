// The bench's consuming service: an inbox consumer with a projection, in a process of its own, as a
// consuming service runs in the system. Started by main.ts with `fork`; it answers main.ts's questions over
// the IPC channel and records, per event, when its handler ran and when its inbox transaction committed.
import 'reflect-metadata';
import { InboxConsumer, MESSAGING_ENTITIES, MESSAGING_MIGRATIONS, type MessagingLogger } from '@crosswalk/messaging';
import { openServiceDatabase } from '@crosswalk/persistence';
import { logLevel } from 'kafkajs';
import { BENCH_EVENT, BenchCounter, BenchCounterTable1764900000000, type BenchPing } from './bench-event';
import { type BenchConsumerSettings, type ConsumerReply, type ConsumerRequest, type AppliedEvent, epochNow } from './consumer-protocol';

const quietLogger: MessagingLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (fields, message) => console.error(message, fields),
};

async function main(): Promise<void> {
  const settings = JSON.parse(process.argv[2] ?? '{}') as BenchConsumerSettings;
  const dataSource = await openServiceDatabase({
    service: 'bench',
    databaseUrl: settings.databaseUrl,
    entities: [...MESSAGING_ENTITIES, BenchCounter],
    migrations: [...MESSAGING_MIGRATIONS, BenchCounterTable1764900000000],
  });
  const handledAt = new Map<string, { seq: number; at: number }>();
  const applied: AppliedEvent[] = [];
  const inbox = new InboxConsumer({
    consumer: 'bench-projection',
    topics: [settings.topic],
    dataSource,
    brokers: settings.brokers,
    kafka: { logLevel: logLevel.NOTHING },
    group: settings.group,
    logger: quietLogger,
    handlers: {
      [BENCH_EVENT]: async (envelope, ctx) => {
        handledAt.set(envelope.id, { seq: (envelope.payload as unknown as BenchPing).seq, at: epochNow() });
        const repository = ctx.manager.getRepository(BenchCounter);
        const row = (await repository.findOne({ where: { id: envelope.key } })) ?? { id: envelope.key, events: 0 };
        row.events += 1;
        await repository.save(row);
      },
    },
    // Reported after the inbox transaction commits: the moment the event's effect is durable.
    onOutcome: (outcome) => {
      if (outcome.kind !== 'applied' || outcome.eventId === undefined) return;
      const handled = handledAt.get(outcome.eventId);
      if (!handled) return;
      handledAt.delete(outcome.eventId);
      applied.push({ seq: handled.seq, eventId: outcome.eventId, handledAt: handled.at, appliedAt: epochNow() });
    },
  });

  const reply = (message: ConsumerReply): void => {
    process.send?.(message);
  };
  // The bench process is gone (it crashed or was killed): do not outlive it.
  process.on('disconnect', () => process.exit(1));
  process.on('message', (request: ConsumerRequest) => {
    if (request.kind === 'progress') {
      const since = applied.filter((a) => a.seq >= request.fromSeq);
      reply({ kind: 'progress', applied: since.length, firstAt: since[0]?.appliedAt ?? 0, lastAt: since[since.length - 1]?.appliedAt ?? 0 });
    } else if (request.kind === 'report') {
      reply({ kind: 'report', events: applied.filter((a) => a.seq >= request.fromSeq) });
    } else {
      void inbox
        .close()
        .then(() => dataSource.destroy())
        .then(() => process.exit(0));
    }
  });
  await inbox.start();
  reply({ kind: 'started' });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
