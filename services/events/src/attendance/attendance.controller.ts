import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@crosswalk/auth';
import { RegistrationResponse } from '../registrations/dto/registration.dto';
import { AttendanceService } from './attendance.service';
import { AttendanceCorrectionRequest, CheckInRequest, CheckInResponse } from './dto/attendance.dto';

@ApiTags('events')
@Controller('v1/events')
export class AttendanceController {
  constructor(private readonly attendance: AttendanceService) {}

  @Post(':id/attendance')
  @ApiCreatedResponse({ type: CheckInResponse })
  @ApiBadRequestResponse({ description: 'A person not registered for the event (each one named); nothing is checked in' })
  @ApiForbiddenResponse({ description: 'Your role may not write (analyst, service)' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Check-in not open, the session closed, a registration not registered (registration_refused); nothing is checked in' })
  checkIn(@Param('id') id: string, @Body() request: CheckInRequest, @CurrentPrincipal() principal: Principal): Promise<CheckInResponse> {
    return this.attendance.checkIn(id, request.personIds, principal);
  }

  @Post(':id/attendance/corrections')
  @ApiCreatedResponse({ type: RegistrationResponse })
  @ApiBadRequestResponse({ description: 'A person not registered for the event' })
  @ApiForbiddenResponse({ description: 'Your role may not write (analyst, service)' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The session is not closed, no outcome to correct, or the outcome unchanged (registration_refused)' })
  correct(@Param('id') id: string, @Body() request: AttendanceCorrectionRequest, @CurrentPrincipal() principal: Principal): Promise<RegistrationResponse> {
    return this.attendance.correct(id, request, principal);
  }
}
