import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { SurveySubmitted } from '@crosswalk/contracts';
import { type Principal, visibleOrNotFound } from '@crosswalk/auth';
import { newId } from '@crosswalk/persistence';
import { Clock, type PageQuery, fetchPage, type Page } from '@crosswalk/platform';
import { ProblemCode } from '@crosswalk/problems';
import { NetworkEvent } from '../events/network-event.entity';
import { invalidFields, refused } from '../problem-answers';
import { Registration } from '../registrations/registration.entity';
import { existingRegistration } from '../registrations/registration-status.rules';
import { RegistrationsService, registrationFact } from '../registrations/registrations.service';
import type { SatisfactionView, SubmitSurveyRequest, SurveyResponseView, SurveyRevisionView } from './dto/survey.dto';
import { type SurveyAnswers, nextRevision, satisfaction, surveyProblems, surveyRefusal } from './satisfaction.rules';
import { SurveyResponse, SurveyRevision } from './survey-response.entity';

/**
 * Post-event surveys: one response per attendee and event, revised in place with every revision kept. The
 * submission runs under the event's lock so it sees the attendance a concurrent correction committed.
 */
@Injectable()
export class SurveysService {
  constructor(
    private readonly registrations: RegistrationsService,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** A first answer (revision 1) or a revision of the person's answer; published without the comment's text. */
  async submit(eventId: string, request: SubmitSurveyRequest, principal: Principal): Promise<SurveyResponseView> {
    const now = this.clock.now();
    const comment = request.comment?.trim() ? request.comment.trim() : null;
    const answers: SurveyAnswers = { usefulness: request.usefulness, recommend: request.recommend, intent: request.intent, comment };
    const id = await this.registrations.underEventLock(eventId, principal, async (tx, event) => {
      const problems = surveyProblems(answers);
      if (problems.length) throw invalidFields(problems);
      const registration = existingRegistration(await tx.manager.findBy(Registration, { eventId, personId: request.personId }), request.personId);
      const refusal = surveyRefusal(registration?.status ?? null);
      if (refusal || !registration)
        throw refused(ProblemCode.SurveyRefused, refusal ?? { code: 'not_an_attendee', message: 'Only attendees answer the survey' });

      const current = await tx.manager.findOneBy(SurveyResponse, { eventId, personId: request.personId });
      const revision = nextRevision(current?.revision ?? null);
      const responseId = current?.id ?? newId();
      if (current) await tx.manager.update(SurveyResponse, { id: responseId }, { ...answers, revision, registrationId: registration.id, submittedAt: now });
      else
        await tx.manager.insert(SurveyResponse, {
          id: responseId,
          eventId,
          cityId: event.cityId,
          registrationId: registration.id,
          personId: request.personId,
          revision,
          ...answers,
          firstSubmittedAt: now,
          submittedAt: now,
        });
      await tx.manager.insert(SurveyRevision, { responseId, revision, eventId, ...answers, submittedAt: now });
      tx.record(SurveySubmitted, {
        key: eventId,
        cityId: event.cityId,
        payload: {
          ...registrationFact(registration),
          responseId,
          revision,
          usefulness: answers.usefulness,
          recommend: answers.recommend,
          intent: answers.intent,
          hasComment: comment !== null,
          submittedAt: now.toISOString(),
        },
      });
      return responseId;
    });
    const [view] = await this.views(this.dataSource.manager, [await this.dataSource.manager.findOneByOrFail(SurveyResponse, { id })]);
    return view;
  }

  async list(eventId: string, query: PageQuery, principal: Principal): Promise<Page<SurveyResponseView>> {
    await this.visibleEvent(eventId, principal);
    const select = this.dataSource.manager.createQueryBuilder(SurveyResponse, 'response').where('response.eventId = :eventId', { eventId });
    const page = await fetchPage(select, query, (r) => r);
    return { items: await this.views(this.dataSource.manager, page.items), nextCursor: page.nextCursor };
  }

  /**
   * The event's satisfaction from the latest revision of each response (the response rows hold it, one per
   * attendee, so this reads at most one row per attendee); the rate is over the people who attended.
   */
  async satisfaction(eventId: string, principal: Principal): Promise<SatisfactionView> {
    await this.visibleEvent(eventId, principal);
    const manager = this.dataSource.manager;
    const current = await manager.findBy(SurveyResponse, { eventId });
    const summary = satisfaction(
      current.map((r) => ({ responseId: r.id, revision: r.revision, usefulness: r.usefulness, recommend: r.recommend, intent: r.intent })),
    );
    const attended = (await this.registrations.counts(manager, [eventId])).get(eventId)?.attended ?? 0;
    return { ...summary, responseRate: attended ? summary.responses / attended : null };
  }

  private async visibleEvent(eventId: string, principal: Principal): Promise<NetworkEvent> {
    return visibleOrNotFound(principal, await this.dataSource.manager.findOneBy(NetworkEvent, { id: eventId }), `Event ${eventId}`);
  }

  /** Responses with their revisions: one query for the revisions however many responses. */
  private async views(manager: EntityManager, responses: readonly SurveyResponse[]): Promise<SurveyResponseView[]> {
    if (!responses.length) return [];
    const revisions = await manager.find(SurveyRevision, { where: { responseId: In(responses.map((r) => r.id)) }, order: { revision: 'ASC' } });
    const answersOf = (r: SurveyResponse | SurveyRevision): SurveyRevisionView => ({
      revision: r.revision,
      usefulness: r.usefulness,
      recommend: r.recommend,
      intent: r.intent,
      comment: r.comment,
      submittedAt: new Date(r.submittedAt).toISOString(),
    });
    return responses.map((r) => ({
      ...answersOf(r),
      id: r.id,
      eventId: r.eventId,
      registrationId: r.registrationId,
      personId: r.personId,
      firstSubmittedAt: new Date(r.firstSubmittedAt).toISOString(),
      history: revisions.filter((h) => h.responseId === r.id).map(answersOf),
    }));
  }
}
