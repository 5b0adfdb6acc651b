import { Injectable } from '@nestjs/common';
import { calendarDateToday } from '@crosswalk/contracts';

/**
 * "Today" as a business date (`YYYY-MM-DD`), for questions about the present: who holds a role now, whether a
 * grace period has run out. An injection token so tests and evaluations can stand in another day.
 */
export abstract class Clock {
  abstract today(): string;

  /**
   * The present instant, for rules about the time of day (an offer's deadline, whether an event has started).
   * Not abstract so the clocks tests already define for a fixed day keep compiling; a test that needs a
   * fixed instant overrides it too.
   */
  now(): Date {
    return new Date();
  }
}

/** The UTC calendar day: business dates carry no time zone, and the network spans several. */
@Injectable()
export class SystemClock extends Clock {
  today(): string {
    return calendarDateToday();
  }
}

/** Provide with `{ provide: Clock, useClass: SystemClock }`. */
export const CLOCK_PROVIDER = { provide: Clock, useClass: SystemClock };
