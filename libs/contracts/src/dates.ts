import { Matches, type ValidationOptions } from 'class-validator';

/**
 * A business date (`YYYY-MM-DD`, no time zone). Tenures, transitions, closures and signings happen on
 * days, not instants, so contracts carry them as calendar dates that sort as strings.
 */
export const CALENDAR_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return Matches(CALENDAR_DATE, { message: '$property must be a calendar date YYYY-MM-DD', ...options });
}
