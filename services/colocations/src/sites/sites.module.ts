import { Module } from '@nestjs/common';
import { DirectoryCopyModule } from '@crosswalk/directory-copy';
import { SitesController } from './sites.controller';
import { SitesService } from './sites.service';

@Module({ imports: [DirectoryCopyModule], controllers: [SitesController], providers: [SitesService] })
export class SitesModule {}
