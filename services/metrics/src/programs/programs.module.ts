import { Module } from '@nestjs/common';
import { ProgramsController } from './programs.controller';
import { ProgramsHandler } from './programs.handler';
import { ProgramMetrics } from './programs.service';

@Module({ controllers: [ProgramsController, ProgramsHandler], providers: [ProgramMetrics] })
export class ProgramsModule {}
