import { ApiProperty } from '@nestjs/swagger';
import type { SurvivalRow } from '../survival.rules';

export class SurvivalItem implements SurvivalRow {
  @ApiProperty({ example: '01935a7e-4b1c-7d3e-9f00-1a2b3c4d5e6f' }) cityId!: string;
  @ApiProperty({ example: 7, description: 'Recommitment requests: leadership transitions at member schools of partnerships' })
  transitionsFaced!: number;
  @ApiProperty({ example: 4, description: "Requests the school's new principal answered by recommitting" }) recommitted!: number;
  @ApiProperty({ example: 1, description: 'Requests still waiting when the partnership lapsed' }) lapsed!: number;
  @ApiProperty({ example: 1, description: 'Requests not resolved yet' }) pending!: number;
  @ApiProperty({ example: 1, description: 'Requests still waiting when the partnership was dissolved (a member school closed) or ended' })
  dissolved!: number;
  @ApiProperty({ example: 0.8, nullable: true, type: Number, description: 'recommitted / (recommitted + lapsed), 4 decimals; null when both are 0' })
  survivalShare!: number | null;
}

export class SurvivalReport {
  @ApiProperty({ type: [SurvivalItem] }) items!: SurvivalItem[];
}
