import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { DIRECTORY_COPY_ENTITIES, DirectoryCopyModule } from '@crosswalk/directory-copy';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS, MessagingModule } from '@crosswalk/messaging';
import { PlatformModule } from '@crosswalk/platform';
import { COLOCATIONS_MIGRATIONS } from '../migrations';
import { ColocationsConfig } from './colocations.config';
import { PartnershipMember } from './partnerships/partnership-member.entity';
import { Partnership } from './partnerships/partnership.entity';
import { PartnershipsModule } from './partnerships/partnerships.module';
import { PartnershipsReactions } from './partnerships/partnerships.reactions';
import { RecommitmentRequest } from './partnerships/recommitment-request.entity';
import { StatusChange } from './partnerships/status-change.entity';
import { Site } from './sites/site.entity';
import { SitesModule } from './sites/sites.module';

/** The colocations service's own tables: sites and partnerships, and the local copy of the directory. */
export const COLOCATIONS_ENTITIES = [Site, Partnership, PartnershipMember, StatusChange, RecommitmentRequest, ...DIRECTORY_COPY_ENTITIES];

@Module({
  imports: [
    PlatformModule.forService({
      name: 'colocations',
      config: ColocationsConfig,
      database: { entities: [...MESSAGING_ENTITIES, ...COLOCATIONS_ENTITIES], migrations: [...MESSAGING_MIGRATIONS, ...COLOCATIONS_MIGRATIONS] },
    }),
    MessagingModule.forService({ service: 'colocations' }),
    ScheduleModule.forRoot(),
    SitesModule,
    PartnershipsModule,
    DirectoryCopyModule.forService({ reactions: PartnershipsReactions, imports: [PartnershipsModule] }),
  ],
})
export class AppModule {}
