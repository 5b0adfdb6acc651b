import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Principal, visibleCities } from '@crosswalk/auth';
import { Problem } from '@crosswalk/problems';
import { DirectoryCopy } from '@crosswalk/directory-copy';
import { NetworkEvent } from '../events/network-event.entity';
import { Registration } from '../registrations/registration.entity';
import { SeriesOutcome } from '../series/series-outcome.entity';
import { Series } from '../series/series.entity';
import type { TranscriptResponse } from './dto/transcript.dto';
import { creditTotals } from './transcript.rules';

/**
 * A person's professional-development record: events attended (their current outcome, corrections included),
 * series completed, and the credit of both. A city operator sees the entries of its own cities only, since a
 * person may have attended in several; the totals add up what the caller sees.
 */
@Injectable()
export class TranscriptsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: DirectoryCopy,
  ) {}

  async get(personId: string, principal: Principal): Promise<TranscriptResponse> {
    const manager = this.dataSource.manager;
    const person = await this.directory.person(manager, personId);
    if (!person) throw Problem.notFound(`Person ${personId}`);
    const cities = visibleCities(principal);

    const attendedQuery = manager
      .createQueryBuilder(Registration, 'registration')
      .innerJoin(NetworkEvent, 'event', 'event.id = registration.eventId')
      .select('registration.id', 'registrationId')
      .addSelect(['event.id AS eventId', 'event.kind AS kind', 'event.title AS title', 'event.cityId AS cityId', 'event.seriesId AS seriesId'])
      .addSelect(['event.startsAt AS startsAt', 'event.startsOn AS startsOn', 'event.creditHours AS creditHours'])
      .where('registration.personId = :personId AND registration.status = :attended', { personId, attended: 'attended' })
      .orderBy('event.startsAt', 'ASC')
      .addOrderBy('event.id', 'ASC');
    if (cities) attendedQuery.andWhere('registration.cityId IN (:...cities)', { cities });
    const attended = (
      await attendedQuery.getRawMany<{
        registrationId: string;
        eventId: string;
        kind: TranscriptResponse['attended'][number]['kind'];
        title: string;
        cityId: string;
        seriesId: string | null;
        startsAt: Date | string;
        startsOn: string | Date;
        creditHours: number | string;
      }>()
    ).map((row) => ({ ...row, startsAt: new Date(row.startsAt).toISOString(), startsOn: calendarDay(row.startsOn), creditHours: Number(row.creditHours) }));

    const completionsQuery = manager
      .createQueryBuilder(SeriesOutcome, 'outcome')
      .innerJoin(Series, 'series', 'series.id = outcome.seriesId')
      .select(['outcome.seriesId AS seriesId', 'series.title AS title', 'outcome.cityId AS cityId', 'outcome.decidedAt AS decidedAt'])
      .addSelect(['outcome.sessionsAttended AS sessionsAttended', 'series.requiredSessions AS requiredSessions'])
      .addSelect('outcome.completionCreditHours', 'completionCreditHours')
      .where('outcome.personId = :personId AND outcome.completed = :completed', { personId, completed: true })
      .orderBy('outcome.decidedAt', 'ASC')
      .addOrderBy('outcome.seriesId', 'ASC');
    if (cities) completionsQuery.andWhere('outcome.cityId IN (:...cities)', { cities });
    const completions = (
      await completionsQuery.getRawMany<{
        seriesId: string;
        title: string;
        cityId: string;
        decidedAt: Date | string;
        sessionsAttended: number | string;
        requiredSessions: number | string;
        completionCreditHours: number | string;
      }>()
    ).map((row) => ({
      ...row,
      decidedAt: new Date(row.decidedAt).toISOString(),
      sessionsAttended: Number(row.sessionsAttended),
      requiredSessions: Number(row.requiredSessions),
      completionCreditHours: Number(row.completionCreditHours),
    }));

    return { personId, fullName: person.fullName, attended, completions, totals: creditTotals(attended, completions) };
  }
}

/** A DATE column as `YYYY-MM-DD`, whichever way the driver hands it over. */
function calendarDay(value: string | Date): string {
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}
