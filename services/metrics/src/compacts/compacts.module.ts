import { Module } from '@nestjs/common';
import { CompactsController } from './compacts.controller';
import { CompactsHandler } from './compacts.handler';
import { CompactMetrics } from './compacts.service';

@Module({ controllers: [CompactsController, CompactsHandler], providers: [CompactMetrics] })
export class CompactsModule {}
