import { MentorshipEnded, type MentorshipEndCause } from '@crosswalk/contracts';
import type { TransactionScope } from '@crosswalk/messaging';
import { In } from 'typeorm';
import { type ProgramInCities, fellowRef, recordOf } from '../records';
import { Fellow } from './fellow.entity';
import { Mentorship } from './mentorship.entity';

/**
 * Ends the fellows' active mentorships on `endedOn` (never before a mentorship's own start) and records each
 * end. A plain function rather than a use case: a cohort's closing and a fellow's final stage both end
 * mentorships, under the program's lock their caller already holds. Returns the mentorships ended.
 */
export async function endActiveMentorships(
  tx: TransactionScope,
  scope: ProgramInCities,
  fellows: readonly Fellow[],
  cause: MentorshipEndCause,
  endedOn: string,
): Promise<Mentorship[]> {
  if (!fellows.length) return [];
  const active = await tx.manager.find(Mentorship, { where: { fellowId: In(fellows.map((f) => f.id)), status: 'active' }, order: { id: 'ASC' } });
  for (const mentorship of active) {
    const fellow = fellows.find((f) => f.id === mentorship.fellowId) as Fellow;
    const last = endedOn < mentorship.startsOn ? mentorship.startsOn : endedOn;
    await tx.manager.update(Mentorship, { id: mentorship.id }, { status: 'ended', endsOn: last, endCause: cause });
    Object.assign(mentorship, { status: 'ended', endsOn: last, endCause: cause });
    tx.record(MentorshipEnded, {
      ...recordOf(scope),
      payload: {
        ...fellowRef(scope, fellow),
        mentorshipId: mentorship.id,
        mentorPersonId: mentorship.mentorPersonId,
        hostSchoolId: mentorship.hostSchoolId,
        cause,
        endedOn: last,
      },
    });
  }
  return active;
}
