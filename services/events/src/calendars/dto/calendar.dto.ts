import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString } from 'class-validator';
import { PageQuery } from '@crosswalk/platform';
import type { FeedKind } from '../calendar-feed.rules';

const FEED_KINDS: readonly FeedKind[] = ['city', 'person'];

/** Either a city's feed or a person's. */
export class CreateSubscriptionRequest {
  @ApiPropertyOptional({ example: '01935a7e-0000-7000-8000-0000000000c1', description: 'The city whose feed to subscribe to (or personId)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  cityId?: string;

  @ApiPropertyOptional({ example: '01935a7e-0000-7000-8000-0000000000a1', description: 'The person whose feed to subscribe to (or cityId)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  personId?: string;
}

export class SubscriptionQuery extends PageQuery {
  @ApiPropertyOptional({ example: '01935a7e-0000-7000-8000-0000000000c1', description: "Subscriptions to this city's feed" })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  cityId?: string;

  @ApiPropertyOptional({ example: '01935a7e-0000-7000-8000-0000000000a1', description: "Subscriptions to this person's feed" })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  personId?: string;
}

export class SubscriptionResponse {
  @ApiProperty({ example: '01935a7e-0000-7000-8000-0000000000f1' }) id!: string;
  @ApiProperty({ enum: FEED_KINDS, example: 'person' }) feed!: FeedKind;
  @ApiProperty({ nullable: true, type: String, example: null }) cityId!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '01935a7e-0000-7000-8000-0000000000a1' }) personId!: string | null;
  @ApiProperty({
    nullable: true,
    type: [String],
    example: ['01935a7e-0000-7000-8000-0000000000c1'],
    description: 'The cities the feed may show; null for every city (a person feed made by a network-wide role)',
  })
  cities!: string[] | null;
  @ApiProperty({ example: 'operator-7' }) createdBy!: string;
  @ApiProperty({ example: '2026-08-20T10:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String, example: null }) revokedBy!: string | null;
  @ApiProperty({ nullable: true, type: String, example: null }) revokedAt!: string | null;
}

/** What creating a subscription answers: the only time its URL is shown (only a hash of the secret is kept). */
export class CreatedSubscriptionResponse extends SubscriptionResponse {
  @ApiProperty({
    example: 'https://crosswalk.example/v1/calendars/subscriptions/3q2-7wEjRkqv0m5yGxv1fJ6kH4oYbq1s9uXnL2cTdPw.ics',
    description: 'Give this to a calendar app ("subscribe from URL"); anyone holding it reads the feed until it is revoked',
  })
  url!: string;
}

export class SubscriptionPage {
  @ApiProperty({ type: [SubscriptionResponse] }) items!: SubscriptionResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
