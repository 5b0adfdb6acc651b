import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@crosswalk/auth';
import { FellowResponse } from '../fellows/dto/fellow.dto';
import { RecordPlacementRequest, RetentionCheckpointsRequest, RetentionCheckpointsResponse } from './dto/placement.dto';
import { PlacementsService } from './placements.service';

@ApiTags('fellowships')
@Controller('v1/fellows')
export class PlacementsController {
  constructor(private readonly placements: PlacementsService) {}

  /** The same run the scheduled job makes, as of a chosen day (network admins only: it records for every city). */
  @Post('retention-checkpoints')
  @Roles('network_admin')
  @ApiCreatedResponse({ type: RetentionCheckpointsResponse })
  @ApiBadRequestResponse()
  @ApiForbiddenResponse({ description: 'Network admins only' })
  recordCheckpoints(@Body() request: RetentionCheckpointsRequest): Promise<RetentionCheckpointsResponse> {
    return this.placements.recordCheckpoints(request.asOf);
  }

  @Post(':id/placements')
  @ApiCreatedResponse({ type: FellowResponse, description: 'The fellow, with the placement (confirmed at once when the directory has the tenure)' })
  @ApiBadRequestResponse({
    description:
      'A school the directory does not know, closed by startsOn or outside the program’s cities, or a start before the fellow enrolled (residencies) or completed',
  })
  @ApiForbiddenResponse({ description: 'Your role may not write (analyst, service)' })
  @ApiNotFoundResponse({ description: "Unknown fellow, or one whose program serves none of your token's cities" })
  @ApiConflictResponse({
    description:
      'The fellow may not be placed yet or any more, or has this placement already (fellowship_refused, reason placement_before_enrolment | placement_before_completion | fellow_not_completed | placement_exists)',
  })
  place(@Param('id') id: string, @Body() request: RecordPlacementRequest, @CurrentPrincipal() principal: Principal): Promise<FellowResponse> {
    return this.placements.place(id, request, principal);
  }
}
