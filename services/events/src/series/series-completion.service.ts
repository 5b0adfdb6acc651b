import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import { type AttendanceOutcome, SeriesCompleted } from '@crosswalk/contracts';
import type { TransactionScope } from '@crosswalk/messaging';
import { forUpdate } from '@crosswalk/persistence';
import { NetworkEvent } from '../events/network-event.entity';
import { Registration } from '../registrations/registration.entity';
import { decideCompletion, isDecidable, type SeriesSession } from './completion.rules';
import { SeriesOutcome } from './series-outcome.entity';
import { Series } from './series.entity';

/**
 * Decides a series' completion when its last session ends, inside the transaction that ends it (a close or a
 * cancel). The series row is locked first and the decision taken only while the series is still `scheduled`,
 * so two sessions ending at once, or a retried close, decide it exactly once.
 */
@Injectable()
export class SeriesCompletionService {
  /**
   * The caller holds the ending session's lock and has already moved it to `completed` or `cancelled`; the
   * transaction reads committed data (`afterLockIsolation`), so after the series lock it sees every other
   * session as the last transaction to hold that lock left it.
   */
  async onSessionEnded(tx: TransactionScope, seriesId: string, now: Date): Promise<void> {
    const series = await lockedSeries(tx.manager, seriesId);
    if (!series || series.status !== 'scheduled') return;
    const sessions = await tx.manager.find(NetworkEvent, { where: { seriesId }, order: { seriesPosition: 'ASC' } });
    const ruleSessions: SeriesSession[] = sessions.map((s) => ({ eventId: s.id, status: s.status, creditHours: Number(s.creditHours) }));
    if (!isDecidable(ruleSessions)) return;

    const outcomes = await tx.manager.find(Registration, {
      select: { eventId: true, personId: true, status: true },
      where: { eventId: In(sessions.map((s) => s.id)), status: In(['attended', 'no_show']) },
    });
    const decision = decideCompletion(
      { requiredSessions: series.requiredSessions, completionCreditHours: Number(series.completionCreditHours) },
      ruleSessions,
      outcomes.map((r) => ({ eventId: r.eventId, personId: r.personId, outcome: r.status as AttendanceOutcome })),
    );
    if (decision.sessionsHeld === 0) {
      // Every session was cancelled: nothing took place, so nothing is completed or published as completed.
      await tx.manager.update(Series, { id: seriesId }, { status: 'cancelled', decidedAt: now });
      return;
    }
    await tx.manager.update(Series, { id: seriesId }, { status: 'completed', decidedAt: now });
    if (decision.participants.length) {
      await tx.manager.insert(
        SeriesOutcome,
        decision.participants.map((p) => ({ seriesId, cityId: series.cityId, ...p, decidedAt: now })),
      );
    }
    tx.record(SeriesCompleted, {
      key: seriesId,
      cityId: series.cityId,
      payload: {
        seriesId,
        cityId: series.cityId,
        completedAt: now.toISOString(),
        sessionsPlanned: decision.sessionsPlanned,
        sessionsHeld: decision.sessionsHeld,
        requiredSessions: decision.requiredSessions,
        requiredSessionsApplied: decision.requiredSessionsApplied,
        completionCreditHours: decision.completionCreditHours,
        participants: decision.participants,
      },
    });
  }
}

/** The series row, locked until the transaction ends: the lock its completion decision takes. */
function lockedSeries(manager: EntityManager, id: string): Promise<Series | null> {
  return forUpdate(manager, manager.createQueryBuilder(Series, 'series').where('series.id = :id', { id })).getOne();
}
