import { Module } from '@nestjs/common';
import { FellowshipsController } from './fellowships.controller';
import { FellowshipsHandler } from './fellowships.handler';
import { FellowshipMetrics } from './fellowships.service';

@Module({ controllers: [FellowshipsController, FellowshipsHandler], providers: [FellowshipMetrics] })
export class FellowshipsModule {}
