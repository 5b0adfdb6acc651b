import { Module } from '@nestjs/common';
import { CitiesController } from './cities.controller';
import { CitiesHandler } from './cities.handler';

@Module({ controllers: [CitiesController, CitiesHandler] })
export class CitiesModule {}
