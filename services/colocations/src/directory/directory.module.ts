import { Module } from '@nestjs/common';
import { PartnershipsModule } from '../partnerships/partnerships.module';
import { DirectoryHandler } from './directory.handler';
import { LeadershipHandler } from './leadership.handler';

/** The local copy of the directory and leadership, from events; handlers are controllers of the inbox transport. */
@Module({ imports: [PartnershipsModule], controllers: [DirectoryHandler, LeadershipHandler] })
export class DirectoryModule {}
