import { ApiProperty } from '@nestjs/swagger';
import { REGISTRATION_STATUSES, type RegistrationStatus } from '@crosswalk/contracts';
import { OFFER_ACTIONS, type OfferAction } from '../offer-link.rules';

/** What following an offer link did. */
export class OfferAnswerView {
  @ApiProperty({ example: '01935a7e-0000-7000-8000-0000000000c1' }) registrationId!: string;
  @ApiProperty({ example: '01935a7e-0000-7000-8000-0000000000e1' }) eventId!: string;
  @ApiProperty({ example: 'Reading across the curriculum' }) eventTitle!: string;
  @ApiProperty({ enum: OFFER_ACTIONS, example: 'accept' }) action!: OfferAction;
  @ApiProperty({ enum: REGISTRATION_STATUSES, example: 'registered', description: "The registration's status now" }) status!: RegistrationStatus;
  @ApiProperty({ example: false, description: 'The registration already had this answer (the link was followed before)' }) alreadyAnswered!: boolean;
  @ApiProperty({ example: 'Your seat at Reading across the curriculum is confirmed.' }) message!: string;
}
