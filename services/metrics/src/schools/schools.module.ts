import { Module } from '@nestjs/common';
import { SchoolsHandler } from './schools.handler';

@Module({ controllers: [SchoolsHandler] })
export class SchoolsModule {}
