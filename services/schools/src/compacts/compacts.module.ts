import { Module } from '@nestjs/common';
import { LeadershipModule } from '../leadership/leadership.module';
import { CompactsController } from './compacts.controller';
import { CompactsService } from './compacts.service';

@Module({ imports: [LeadershipModule], controllers: [CompactsController], providers: [CompactsService] })
export class CompactsModule {}
