import { Module } from '@nestjs/common';
import { DirectoryHandler } from './directory.handler';
import { DirectoryService } from './directory.service';

/**
 * The local copy of the directory, from events. Capabilities that need it import this module; it imports none
 * of them. Handlers are controllers of the inbox transport.
 */
@Module({ controllers: [DirectoryHandler], providers: [DirectoryService], exports: [DirectoryService] })
export class DirectoryModule {}
