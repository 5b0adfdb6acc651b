// Test plumbing for the metrics projections: the service's event handlers, as a replay finds them.
import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';

/** The `@HandlesEvent` handlers of these handler objects by event type, as a replay finds them. */
export { eventHandlersOf } from '@crosswalk/messaging';

/** Every controller instance of the app (event handlers are controllers). */
export function controllersOf(app: INestApplication): object[] {
  return [...app.get(ModulesContainer).values()].flatMap((module) =>
    [...module.controllers.values()].map((wrapper) => wrapper.instance as object | undefined).filter((i): i is object => i !== undefined),
  );
}
