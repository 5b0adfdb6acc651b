/**
 * What the messaging lib logs through. Shaped like pino's methods (fields first, then the message), so the
 * service's pino logger (`createLogger` from @crosswalk/observability) can be passed as it is.
 */
export interface MessagingLogger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** Drops everything: tests that assert on behaviour, not on log lines. */
export const silentLogger: MessagingLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/**
 * The fallback when no logger is given: warnings and errors as JSON lines on stderr, the rest dropped.
 * Services pass their pino logger instead.
 */
export const consoleLogger: MessagingLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: (fields, message) => console.warn(JSON.stringify({ level: 'warn', msg: message, ...fields })),
  error: (fields, message) => console.error(JSON.stringify({ level: 'error', msg: message, ...fields })),
};
