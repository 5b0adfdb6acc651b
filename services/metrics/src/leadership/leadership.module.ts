import { Module } from '@nestjs/common';
import { LeadershipController } from './leadership.controller';
import { LeadershipHandler } from './leadership.handler';
import { LeadershipMetrics } from './leadership.service';

@Module({ controllers: [LeadershipController, LeadershipHandler], providers: [LeadershipMetrics] })
export class LeadershipModule {}
