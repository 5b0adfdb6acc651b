import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString } from 'class-validator';
import type { Response } from 'express';
import { type CsvColumn, toCsv } from './csv';

export const REPORT_FORMATS = ['json', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** `?format=`: every metric is JSON by default and a CSV export on request. */
export class FormatQuery {
  @ApiPropertyOptional({ enum: REPORT_FORMATS, default: 'json', description: '`csv` answers text/csv with a header row' })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;
}

/** `?cityId=&format=`: a city-scoped metric (a city outside the caller's scope is a 403). */
export class CityReportQuery extends FormatQuery {
  @ApiPropertyOptional({ example: '01935a7e-4b1c-7d3e-9f00-1a2b3c4d5e6f' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  cityId?: string;
}

/**
 * The JSON body, or the same rows as CSV (`text/csv`, named `<name>.csv` for downloads). Used with
 * `@Res({ passthrough: true })`, so Nest still sends what is returned.
 */
export function report<B, R>(
  response: Response,
  format: ReportFormat | undefined,
  csv: { name: string; columns: readonly CsvColumn<R>[]; rows: readonly R[] },
  body: B,
): B | string {
  if (format !== 'csv') return body;
  response.type('text/csv; charset=utf-8');
  response.setHeader('content-disposition', `attachment; filename="${csv.name}.csv"`);
  return toCsv(csv.columns, csv.rows);
}
