import { QueryFailedError } from 'typeorm';

/**
 * Thrown by a handler that knows retrying cannot help (the event contradicts what this service knows, say).
 * The record goes to the dead-letter topic at once with reason `rejected` instead of being retried.
 */
export class PermanentEventError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentEventError';
  }
}

interface DriverError {
  code?: unknown;
  errno?: unknown;
}

function driverErrorOf(error: unknown): DriverError | undefined {
  if (error instanceof QueryFailedError) return error.driverError as DriverError;
  if (error && typeof error === 'object' && 'code' in error) return error as DriverError;
  return undefined;
}

/** A primary-key or unique violation on MySQL/MariaDB (1062) or SQLite. */
export function isDuplicateKeyError(error: unknown): boolean {
  const driver = driverErrorOf(error);
  if (!driver) return false;
  return (
    driver.code === 'ER_DUP_ENTRY' || driver.errno === 1062 || driver.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || driver.code === 'SQLITE_CONSTRAINT_UNIQUE'
  );
}
