import { Module } from '@nestjs/common';
import { LeadershipModule } from '../leadership/leadership.module';
import { PeopleModule } from '../people/people.module';
import { SchoolsModule } from '../schools/schools.module';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';

@Module({ imports: [PeopleModule, SchoolsModule, LeadershipModule], controllers: [ImportsController], providers: [ImportsService] })
export class ImportsModule {}
