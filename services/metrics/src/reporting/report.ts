import { StreamableFile } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString } from 'class-validator';
import { type CsvColumns, csvStream } from './csv';

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

/** The JSON body, or the same rows as CSV (`text/csv`, named `<name>.csv` for downloads) streamed into the response. */
export function report<B, R extends object>(
  format: ReportFormat | undefined,
  csv: { name: string; columns: CsvColumns<R>; rows: readonly R[] },
  body: B,
): B | StreamableFile {
  if (format !== 'csv') return body;
  return new StreamableFile(csvStream(csv.columns, csv.rows), {
    type: 'text/csv; charset=utf-8',
    disposition: `attachment; filename="${csv.name}.csv"`,
  });
}
