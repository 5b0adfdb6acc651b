import { Module } from '@nestjs/common';
import { PartnershipsController } from './partnerships.controller';
import { PartnershipsHandler } from './partnerships.handler';
import { PartnershipMetrics } from './partnerships.service';

@Module({ controllers: [PartnershipsController, PartnershipsHandler], providers: [PartnershipMetrics] })
export class PartnershipsModule {}
