import { ApiProperty } from '@nestjs/swagger';
import type { TurnoverRow } from '../turnover.rules';

export class TurnoverItem implements TurnoverRow {
  @ApiProperty({ example: '01935a7e-4b1c-7d3e-9f00-1a2b3c4d5e6f' }) cityId!: string;
  @ApiProperty({ example: 2024 }) year!: number;
  @ApiProperty({ example: 3, description: 'Principal transitions effective that year (a correction replaces the transition it corrects)' })
  transitions!: number;
  @ApiProperty({ example: 8, description: 'Schools whose principal role was held by someone on at least one day of the year' })
  schoolsWithPrincipal!: number;
  @ApiProperty({
    example: 0.375,
    nullable: true,
    type: Number,
    description: 'transitions / schoolsWithPrincipal, 4 decimals; null when no school had a principal',
  })
  turnoverRate!: number | null;
  @ApiProperty({ example: 1, description: "Chief transitions at the city's organizations effective that year" })
  chiefTransitions!: number;
}

export class TurnoverReport {
  @ApiProperty({ type: [TurnoverItem] }) items!: TurnoverItem[];
}
