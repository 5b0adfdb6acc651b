/** Today's business date; a token so tests and the evaluation route can stand in another day. */
export abstract class Clock {
  abstract today(): string;
}

/** The UTC calendar day: business dates carry no time zone, and the network spans several. */
export class SystemClock extends Clock {
  today(): string {
    return new Date().toISOString().slice(0, 10);
  }
}
