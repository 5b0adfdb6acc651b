// The transport's refusals happen while Nest registers handlers, before anything connects: no Kafka needed.
import 'reflect-metadata';
import { type EventOf, defineEvent } from '@crosswalk/contracts';
import { Controller, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, type MicroserviceOptions } from '@nestjs/microservices';
import { IsString } from 'class-validator';
import { DataSource } from 'typeorm';
import { HandlesEvent } from './handles-event';
import type { InboxContext } from './inbox/handler';
import { InboxKafkaServer } from './inbox-kafka.server';
import { silentLogger } from './logger';

class DoorOpenedV1 {
  @IsString() doorId!: string;
}
const DoorOpened = defineEvent({ type: 'test.door.opened', version: 1, topic: 'test.doors.v1', payload: DoorOpenedV1, description: 'a door opened' });

@Controller()
class DoorLog {
  @HandlesEvent(DoorOpened)
  async onOpened(_event: EventOf<typeof DoorOpened>, _ctx: InboxContext): Promise<void> {}
}

@Controller()
class DoorAlarm {
  @HandlesEvent(DoorOpened)
  async ring(_event: EventOf<typeof DoorOpened>, _ctx: InboxContext): Promise<void> {}
}

@Controller()
class PlainPattern {
  @EventPattern<string>('test.door.opened')
  async onOpened(): Promise<void> {}
}

/** Initialises (registers the handlers of) a microservice on the inbox transport; never listens. */
async function initialise(...controllers: Type[]): Promise<void> {
  @Module({ controllers })
  class DoorsModule {}
  const server = new InboxKafkaServer({
    consumer: 'doors',
    topics: ['test.doors.v1'],
    // Not initialised: nothing here opens a connection.
    dataSource: new DataSource({ type: 'better-sqlite3', database: ':memory:' }),
    brokers: ['127.0.0.1:1'],
    logger: silentLogger,
  });
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(DoorsModule, { strategy: server, logger: false, abortOnError: false });
  try {
    await app.init();
  } finally {
    await app.close();
  }
}

describe('InboxKafkaServer handler registration', () => {
  it('takes one @HandlesEvent handler per event', async () => {
    await expect(initialise(DoorLog)).resolves.toBeUndefined();
  });

  it('refuses to start with two handlers of one event, naming the event and both handlers', async () => {
    await expect(initialise(DoorLog, DoorAlarm)).rejects.toThrow('Two handlers of test.door.opened in one inbox consumer: DoorLog.onOpened and DoorAlarm.ring');
  });

  it('refuses handlers registered without @HandlesEvent, which replay would not find', async () => {
    await expect(initialise(PlainPattern)).rejects.toThrow(
      "InboxKafkaServer runs @HandlesEvent handlers only; the handler of 'test.door.opened' was registered another way",
    );
  });
});
