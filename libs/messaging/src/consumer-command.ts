import { type INestApplicationContext, Logger, type Type } from '@nestjs/common';
import { ModulesContainer, NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import type { ConsumerDefinition } from './consumer-definition';
import { eventHandlersOf } from './handles-event';
import type { EventHandlers } from './inbox/handler';
import { createKafka } from './kafka-client';
import { MESSAGING_SETTINGS, type MessagingSettings } from './messaging.module';
import { ReplayRefusedError, redriveDeadLetters, replayConsumer } from './replay';

/**
 * The `@HandlesEvent` handlers of an app's controllers, keyed by event type (controllers are where Nest's
 * microservice layer finds them too), so a replay runs exactly the code live consumption runs.
 */
export function collectEventHandlers(app: INestApplicationContext): EventHandlers {
  const controllers = [...app.get(ModulesContainer).values()].flatMap((module) =>
    [...module.controllers.values()].map((wrapper) => wrapper.instance as object | undefined).filter((instance): instance is object => instance !== undefined),
  );
  return eventHandlersOf(controllers);
}

export interface ConsumerCommandOptions {
  service: string;
  /** The service's root module: the command runs its real providers and handlers, without HTTP. */
  module: Type;
  consumers: readonly ConsumerDefinition[];
}

const USAGE = 'usage: replay <consumer> [--force] | redrive <consumer> [--topic <topic>] [--limit <n>]';

export class CommandError extends Error {}

/**
 * The members currently in a consumer group (a live consumer and a replay must not write one projection at
 * once), or undefined when the brokers cannot say: the dev cluster (librdkafka's mock) lacks DescribeGroups.
 */
async function liveMembers(brokers: readonly string[], group: string): Promise<number | undefined> {
  const admin = createKafka({ brokers }, `${group}-command`).admin();
  await admin.connect();
  try {
    const { groups } = await admin.describeGroups([group]);
    return groups[0]?.members.length ?? 0;
  } catch (error) {
    if (error instanceof Error && /does not support the requested API version/.test(error.message)) return undefined;
    throw error;
  } finally {
    await admin.disconnect();
  }
}

async function replay(
  app: INestApplicationContext,
  settings: MessagingSettings,
  definition: ConsumerDefinition,
  service: string,
  force: boolean,
): Promise<string> {
  const dataSource = app.get(DataSource);
  const result = await replayConsumer({
    force,
    consumer: definition.consumer,
    topics: definition.topics,
    dataSource,
    brokers: settings.brokers,
    kafka: settings.kafka,
    handlers: collectEventHandlers(app),
    logger: settings.logger,
    // A full rebuild: the projection's tables are emptied in the transaction that deletes the inbox rows.
    reset: async (manager) => {
      for (const table of definition.projection) await manager.createQueryBuilder().delete().from(table).execute();
    },
  });
  return [
    `replayed ${service}/${definition.consumer} from the start of ${definition.topics.length} topics in ${result.durationMs} ms`,
    `  applied ${result.applied}, duplicates ${result.duplicates}, no handler ${result.noHandler}, dead-lettered ${result.deadLettered}`,
  ].join('\n');
}

async function redrive(settings: MessagingSettings, definition: ConsumerDefinition, topics: readonly string[], limit: number | undefined): Promise<string> {
  const started = Date.now();
  const lines: string[] = [];
  let left = limit ?? Number.POSITIVE_INFINITY;
  for (const topic of topics) {
    let taken = 0;
    const result = await redriveDeadLetters({
      topic,
      brokers: settings.brokers,
      kafka: settings.kafka,
      logger: settings.logger,
      // Only this consumer's dead letters: another consumer of the topic may not have been fixed.
      filter: (letter) => letter.consumer === definition.consumer && taken++ < left,
    });
    left -= result.redriven;
    if (result.redriven > 0 || result.skipped > 0) lines.push(`  ${topic}: redriven ${result.redriven}, passed over ${result.skipped}`);
  }
  return [`redrove dead letters of ${definition.consumer} in ${Date.now() - started} ms`, ...(lines.length ? lines : ['  none waiting'])].join('\n');
}

/**
 * `replay <consumer>` rebuilds a projection from the start of its topics (refused when the topics hold less
 * than the projection was built from, unless `--force`); `redrive <consumer>` republishes its dead letters
 * after a fix. Each service exposes this through its own `replay.ts` entry point.
 */
export async function runConsumerCommand(options: ConsumerCommandOptions, argv: readonly string[]): Promise<string> {
  const [command, consumerName, ...rest] = argv;
  if (command !== 'replay' && command !== 'redrive') throw new CommandError(USAGE);
  const definition = options.consumers.find((c) => c.consumer === consumerName);
  if (!definition) {
    throw new CommandError(`${options.service} has no consumer '${consumerName ?? ''}'; it has: ${options.consumers.map((c) => c.consumer).join(', ')}`);
  }
  const from = rest.indexOf('--from');
  if (from >= 0) {
    // Honest refusal: the projections keep facts whose effects of a given instant cannot be told apart
    // exactly, so a partial rebuild could double or lose them. A full replay is always exact.
    throw new CommandError(
      `--from is not supported for ${definition.consumer}: its projection cannot remove exactly the effects of events after an instant. Run a full replay (without --from).`,
    );
  }
  const limitAt = rest.indexOf('--limit');
  const limit = limitAt >= 0 ? Number(rest[limitAt + 1]) : undefined;
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) throw new CommandError('--limit must be a positive integer');
  const topicAt = rest.indexOf('--topic');
  const topic = topicAt >= 0 ? rest[topicAt + 1] : undefined;
  if (topicAt >= 0 && !definition.topics.includes(topic ?? '')) {
    throw new CommandError(`--topic must be one of ${definition.consumer}'s topics: ${definition.topics.join(', ')}`);
  }

  const app = await NestFactory.createApplicationContext(options.module, { logger: new Logger(), abortOnError: false, bufferLogs: false });
  try {
    const settings = app.get<MessagingSettings>(MESSAGING_SETTINGS);
    if (command === 'replay') {
      const members = await liveMembers(settings.brokers, definition.consumer);
      if (members !== undefined && members > 0) {
        throw new CommandError(
          `consumer group ${definition.consumer} has ${members} live member(s): stop the ${options.service} service before replaying its projection`,
        );
      }
      const summary = await replay(app, settings, definition, options.service, rest.includes('--force')).catch((error: unknown) => {
        // A refusal is the operator's to act on (find the events, or --force): a usage-style exit, not a crash.
        throw error instanceof ReplayRefusedError ? new CommandError(error.message) : error;
      });
      return members === undefined
        ? `${summary}\n  (these brokers cannot list the group's members; the ${options.service} service must have been stopped)`
        : summary;
    }
    return await redrive(settings, definition, topic ? [topic] : definition.topics, limit);
  } finally {
    await app.close();
  }
}

/** The body of a service's `replay.ts`: runs the command from process.argv and exits with its status. */
export function consumerCommandMain(options: ConsumerCommandOptions): void {
  runConsumerCommand(options, process.argv.slice(2)).then(
    (summary) => {
      process.stdout.write(`${summary}\n`);
      process.exit(0);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof CommandError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(error instanceof CommandError ? 2 : 1);
    },
  );
}
