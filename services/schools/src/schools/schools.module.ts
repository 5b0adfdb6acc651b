import { Module } from '@nestjs/common';
import { LeadershipModule } from '../leadership/leadership.module';
import { SchoolsController } from './schools.controller';
import { SchoolsService } from './schools.service';

@Module({ imports: [LeadershipModule], controllers: [SchoolsController], providers: [SchoolsService], exports: [SchoolsService] })
export class SchoolsModule {}
