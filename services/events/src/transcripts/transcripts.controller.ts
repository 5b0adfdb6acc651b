import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@crosswalk/auth';
import { TranscriptResponse } from './dto/transcript.dto';
import { TranscriptsService } from './transcripts.service';

@ApiTags('events')
@Controller('v1/transcripts')
export class TranscriptsController {
  constructor(private readonly transcripts: TranscriptsService) {}

  @Get(':personId')
  @ApiOkResponse({ type: TranscriptResponse, description: "Attended events, series completed and credit totals, within the caller's cities" })
  @ApiNotFoundResponse({ description: 'A person the directory does not know' })
  get(@Param('personId') personId: string, @CurrentPrincipal() principal: Principal): Promise<TranscriptResponse> {
    return this.transcripts.get(personId, principal);
  }
}
