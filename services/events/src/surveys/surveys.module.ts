import { Module } from '@nestjs/common';
import { CLOCK_PROVIDER } from '@crosswalk/platform';
import { RegistrationsModule } from '../registrations/registrations.module';
import { SurveysController } from './surveys.controller';
import { SurveysService } from './surveys.service';

@Module({
  imports: [RegistrationsModule],
  controllers: [SurveysController],
  providers: [SurveysService, CLOCK_PROVIDER],
})
export class SurveysModule {}
