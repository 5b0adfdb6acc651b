import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { AttendanceCorrected, AttendanceRecorded } from '@crosswalk/contracts';
import type { Principal } from '@crosswalk/auth';
import { Clock } from '@crosswalk/platform';
import { ProblemCode } from '@crosswalk/problems';
import { invalidFields, refused } from '../problem-answers';
import { problem } from '../problems';
import type { RegistrationResponse } from '../registrations/dto/registration.dto';
import { RegistrationChange } from '../registrations/registration-change.entity';
import { Registration } from '../registrations/registration.entity';
import { existingRegistration } from '../registrations/registration-status.rules';
import { RegistrationsService, registrationFact } from '../registrations/registrations.service';
import { checkInRefusal, correctionRefusal, creditEarned, outcomeOf } from './attendance.rules';
import type { AttendanceCorrectionRequest, CheckInResponse } from './dto/attendance.dto';

/**
 * Check-in and attendance corrections. Both change registrations, so both run under the event's lock through
 * the registrations service and move statuses with its history helper: a check-in never races a close.
 */
@Injectable()
export class AttendanceService {
  constructor(
    private readonly registrations: RegistrationsService,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Checks a roster in, all or nothing: a person without a registration is a 400 naming them, a registration
   * the rules refuse (waitlisted, already checked in, check-in not open) a 409; either way nothing is written.
   */
  async checkIn(eventId: string, personIds: readonly string[], principal: Principal): Promise<CheckInResponse> {
    const now = this.clock.now();
    const checkedIn = await this.registrations.underEventLock(eventId, principal, async (tx, event) => {
      const session = { status: event.status, startsAt: new Date(event.startsAt) };
      const known = await tx.manager.findBy(Registration, { eventId, personId: In([...personIds]) });
      const roster = personIds.map((personId) => ({ personId, registration: existingRegistration(known, personId) }));
      const unregistered = roster.filter((r) => r.registration === null).map((r) => r.personId);
      if (unregistered.length) {
        throw invalidFields(unregistered.map((personId) => problem('personIds', 'not_registered', `Person ${personId} is not registered for this event`)));
      }
      const registrations: Registration[] = [];
      for (const { personId, registration } of roster) {
        if (!registration) continue;
        const refusal = checkInRefusal(registration.status, session, now);
        if (refusal) throw refused(ProblemCode.RegistrationRefused, { code: refusal.code, message: `Person ${personId}: ${refusal.message}` });
        registrations.push(registration);
      }
      const creditHours = creditEarned('attended', Number(event.creditHours));
      for (const registration of registrations) {
        await this.registrations.move(tx.manager, registration, 'attended', 'checked_in', now);
        tx.record(AttendanceRecorded, {
          key: event.id,
          cityId: event.cityId,
          payload: { ...registrationFact(registration), outcome: 'attended', checkedInAt: now.toISOString(), creditHours },
        });
      }
      return registrations;
    });
    return { eventId, items: await this.registrations.views(this.dataSource.manager, checkedIn) };
  }

  /**
   * After the session closed, restates one person's outcome (attended <-> no_show) with the credit that goes
   * with it; the move and its reason join the registration's history, the earlier outcome stays there.
   */
  async correct(eventId: string, request: AttendanceCorrectionRequest, principal: Principal): Promise<RegistrationResponse> {
    const now = this.clock.now();
    const id = await this.registrations.underEventLock(eventId, principal, async (tx, event) => {
      const registration = existingRegistration(await tx.manager.findBy(Registration, { eventId, personId: request.personId }), request.personId);
      if (!registration) throw invalidFields([problem('personId', 'not_registered', `Person ${request.personId} is not registered for this event`)]);
      const previousOutcome = outcomeOf(registration.status);
      const refusal = correctionRefusal(registration.status, request.outcome, event.status);
      if (refusal || previousOutcome === null)
        throw refused(ProblemCode.RegistrationRefused, refusal ?? { code: 'no_attendance', message: 'No attendance to correct' });
      // A correction to attended keeps the door's check-in time when there was one (it was corrected away).
      const checkIn =
        request.outcome === 'attended'
          ? await tx.manager.findOne(RegistrationChange, { where: { registrationId: registration.id, cause: 'checked_in' }, order: { seq: 'DESC' } })
          : null;
      const reason = request.reason.trim();
      await this.registrations.move(tx.manager, registration, request.outcome, 'attendance_corrected', now, { reason });
      tx.record(AttendanceCorrected, {
        key: event.id,
        cityId: event.cityId,
        payload: {
          ...registrationFact(registration),
          previousOutcome,
          outcome: request.outcome,
          checkedInAt: checkIn ? new Date(checkIn.at).toISOString() : null,
          creditHours: creditEarned(request.outcome, Number(event.creditHours)),
          reason,
        },
      });
      return registration.id;
    });
    return this.registrations.view(this.dataSource.manager, id);
  }
}
