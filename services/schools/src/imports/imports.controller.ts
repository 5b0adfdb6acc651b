import { Controller, Post, Query, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiConsumes, ApiCreatedResponse, ApiPayloadTooLargeResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentPrincipal, Roles, type Principal } from '@crosswalk/auth';
import { Problem, ProblemCode } from '@crosswalk/problems';
import { WithoutIdempotencyKey } from '@crosswalk/platform';
import { ImportQuery, ImportResult } from './dto/import.dto';
import { ImportsService } from './imports.service';

const MAX_BYTES = 5 * 1024 * 1024;

/** The body's chunks as they arrive, for the parser to read as a stream; refused past MAX_BYTES. */
async function* csvChunks(request: Request): AsyncIterable<Buffer> {
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BYTES) throw new Problem(ProblemCode.PayloadTooLarge, `Import files are limited to ${MAX_BYTES} bytes; split the file`);
    yield chunk;
  }
}

function csvBody(request: Request): AsyncIterable<Buffer> {
  if (!/^text\/csv\b/i.test(request.headers['content-type'] ?? '')) throw new Problem(ProblemCode.UnsupportedMediaType, 'Send the file as text/csv');
  return csvChunks(request);
}

@ApiTags('imports')
@Controller('v1/imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post()
  @Roles('network_admin', 'city_operator')
  @WithoutIdempotencyKey('an import is a streamed upload, and already idempotent: rows already in the directory are left unchanged')
  @ApiConsumes('text/csv')
  @ApiBody({
    description:
      'people: fullName,email · schools: name,sector,cityId[,organizationId,ncesId] · tenures: role,personEmail,startDate,(schoolId|organizationId)[,reason]',
    schema: { type: 'string', example: 'name,sector,cityId,ncesId\nBruce Randolph School,district,01935a7e-0000-7000-8000-000000000001,080336001234\n' },
  })
  @ApiCreatedResponse({ type: ImportResult })
  @ApiBadRequestResponse({ description: 'Nothing was imported (`import_rows_invalid`); `rowErrors` lists each bad row as {line, column?, message}' })
  @ApiPayloadTooLargeResponse({
    description: 'Nothing was imported (`payload_too_large`): the file is over 5 MiB or over SCHOOLS_IMPORT_MAX_ROWS rows (10,000 by default)',
  })
  async create(@Query() query: ImportQuery, @Req() request: Request, @CurrentPrincipal() principal: Principal): Promise<ImportResult> {
    return this.imports.import(query.kind, csvBody(request), principal);
  }
}
