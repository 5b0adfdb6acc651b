import { ApiProperty } from '@nestjs/swagger';
import type { CompactReport } from '../compacts.service';
import type { CityCompactsRow } from '../signatories.rules';

const IN_POST = 'Signers who still hold the role they signed in, at that organization, today';
const SHARE = 'inPost / signatories, 4 decimals; null without signatories';

export class CompactMetricsResponse implements CompactReport {
  @ApiProperty({ example: '01935a7e-4b1c-7d3e-9f00-1a2b3c4d5e70' }) compactId!: string;
  @ApiProperty({ example: '01935a7e-4b1c-7d3e-9f00-1a2b3c4d5e6f' }) cityId!: string;
  @ApiProperty({ example: 'Denver District-Charter Collaboration Compact' }) title!: string;
  @ApiProperty({ example: 6 }) signatories!: number;
  @ApiProperty({ example: 2, description: IN_POST }) inPost!: number;
  @ApiProperty({ example: 0.3333, nullable: true, type: Number, description: SHARE }) inPostShare!: number | null;
}

export class CityCompactsItem implements CityCompactsRow {
  @ApiProperty({ example: '01935a7e-4b1c-7d3e-9f00-1a2b3c4d5e6f' }) cityId!: string;
  @ApiProperty({ example: 2 }) compacts!: number;
  @ApiProperty({ example: 9, description: "Signatures on all of the city's compacts" }) signatories!: number;
  @ApiProperty({ example: 4, description: IN_POST }) inPost!: number;
  @ApiProperty({ example: 0.4444, nullable: true, type: Number, description: SHARE }) inPostShare!: number | null;
}

export class CityCompactsReport {
  @ApiProperty({ type: [CityCompactsItem] }) items!: CityCompactsItem[];
}
