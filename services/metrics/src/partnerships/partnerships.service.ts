import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { PartnershipEndingFact } from './partnership-ending-fact.entity';
import { RecommitmentFact } from './recommitment-fact.entity';
import { RecommitmentRequestFact } from './recommitment-request-fact.entity';
import { type SurvivalRow, survivalByCity } from './survival.rules';

const ms = (date: Date): number => new Date(date).getTime();

@Injectable()
export class PartnershipMetrics {
  constructor(private readonly dataSource: DataSource) {}

  async survival(cities: string[] | undefined): Promise<SurvivalRow[]> {
    const where = cities ? { cityId: In(cities) } : {};
    const [requests, recommitments, endings] = await Promise.all([
      this.dataSource.manager.find(RecommitmentRequestFact, { where }),
      this.dataSource.manager.find(RecommitmentFact, { where }),
      this.dataSource.manager.find(PartnershipEndingFact, { where }),
    ]);
    return survivalByCity(
      requests.map((r) => ({ ...r, requestedAt: ms(r.requestedAt) })),
      recommitments.map((r) => ({ ...r, recordedAt: ms(r.recordedAt) })),
      endings.map((e) => ({ ...e, recordedAt: ms(e.recordedAt) })),
    );
  }
}
