import { Module } from '@nestjs/common';
import { CLOCK_PROVIDER } from '@crosswalk/platform';
import { RegistrationsModule } from '../registrations/registrations.module';
import { AttendanceController } from './attendance.controller';
import { AttendanceService } from './attendance.service';

@Module({
  imports: [RegistrationsModule],
  controllers: [AttendanceController],
  providers: [AttendanceService, CLOCK_PROVIDER],
})
export class AttendanceModule {}
