import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsCalendarDate, isCalendarDate } from '@crosswalk/contracts';
import { Problem } from '@crosswalk/problems';
import type { Period } from './period.rules';
import { CityReportQuery } from './report';

/** `?cityId=&from=&to=&format=`: a city-scoped metric over a period of event days. */
export class PeriodReportQuery extends CityReportQuery {
  @ApiPropertyOptional({ example: '2025-09-01', description: 'First day of the period (inclusive): events starting on or after it, in their own time zone' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-06-30', description: 'Last day of the period (inclusive); without from and to, all time' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

/** The period asked for: days that exist (the pattern lets 2025-02-30 through), `to` not before `from`. */
export function periodOf(query: Period): Period {
  const errors = (['from', 'to'] as const)
    .filter((field) => query[field] !== undefined && !isCalendarDate(query[field]))
    .map((field) => ({ field, messages: [`${field} must be a day that exists`] }));
  if (errors.length === 0 && query.from !== undefined && query.to !== undefined && query.to < query.from) {
    errors.push({ field: 'to', messages: ['to must not be before from'] });
  }
  if (errors.length > 0) throw Problem.invalid(errors);
  return { from: query.from, to: query.to };
}
