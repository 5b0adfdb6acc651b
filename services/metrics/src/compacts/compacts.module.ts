import { Module } from '@nestjs/common';
import { CLOCK_PROVIDER } from '@crosswalk/platform';
import { CompactsController } from './compacts.controller';
import { CompactsHandler } from './compacts.handler';
import { CompactMetrics } from './compacts.service';

@Module({ controllers: [CompactsController, CompactsHandler], providers: [CompactMetrics, CLOCK_PROVIDER] })
export class CompactsModule {}
