// The participation rows and each subject's first attendance, kept exact as attendances come, go (a
// correction) and move (a reschedule). A person's attendances can be applied by several partitions at once
// (different events), so every change locks the subject's first-attendance row before it touches that
// subject's participation rows: changes of one subject queue up, and an earliest day read again after a
// removal is read with a lock too, so it sees what the others committed.
import { forUpdate } from '@crosswalk/persistence';
import type { EntityManager } from 'typeorm';
import { FirstAttendance, type ReachedKind } from './first-attendance.entity';
import { Participation } from './participation.entity';

interface Reached {
  subjectKind: ReachedKind;
  subjectKey: number;
}

/** Whom an attendance reaches in its city: the person, their school unless it hosts, and them as a leader. */
function reachedBy(row: Pick<Participation, 'personKey' | 'schoolKey' | 'leaderKey'>): Reached[] {
  const reached: Reached[] = [{ subjectKind: 'person', subjectKey: row.personKey }];
  if (row.schoolKey !== null) reached.push({ subjectKind: 'school', subjectKey: row.schoolKey });
  if (row.leaderKey !== null) reached.push({ subjectKind: 'leader', subjectKey: row.leaderKey });
  return reached;
}

const order = (a: Reached, b: Reached): number => (a.subjectKind !== b.subjectKind ? (a.subjectKind < b.subjectKind ? -1 : 1) : a.subjectKey - b.subjectKey);

/** Locks the first-attendance rows of these subjects (in one order, so two changes do not wait on each other crosswise). */
async function lockFirsts(manager: EntityManager, cityKey: number, reached: Reached[]): Promise<Map<string, FirstAttendance>> {
  const rows = new Map<string, FirstAttendance>();
  for (const subject of [...reached].sort(order)) {
    const select = manager
      .createQueryBuilder(FirstAttendance, 'f')
      .where('f.cityKey = :cityKey AND f.subjectKind = :subjectKind AND f.subjectKey = :subjectKey', { cityKey, ...subject });
    const row = await forUpdate(manager, select).getOne();
    if (row) rows.set(`${subject.subjectKind}:${subject.subjectKey}`, row);
  }
  return rows;
}

/** The subject's earliest attendance day in the city now, read with a lock (null: none left). */
async function earliestDay(manager: EntityManager, cityKey: number, subject: Reached): Promise<string | null> {
  const column = subject.subjectKind === 'school' ? 'p.schoolKey' : subject.subjectKind === 'leader' ? 'p.leaderKey' : 'p.personKey';
  const select = manager
    .createQueryBuilder(Participation, 'p')
    .select('MIN(p.startsOn)', 'firstOn')
    .where(`p.cityKey = :cityKey AND ${column} = :subjectKey`, { cityKey, subjectKey: subject.subjectKey });
  const row = await forUpdate(manager, select).getRawOne<{ firstOn: string | null }>();
  return row?.firstOn ?? null;
}

const keyOfSubject = (subject: Reached): string => `${subject.subjectKind}:${subject.subjectKey}`;

export async function attendanceAdded(manager: EntityManager, row: Omit<Participation, 'participationId'>): Promise<void> {
  const reached = reachedBy(row);
  const firsts = await lockFirsts(manager, row.cityKey, reached);
  await manager.insert(Participation, row);
  for (const subject of reached) {
    const first = firsts.get(keyOfSubject(subject));
    if (!first) {
      await manager.insert(FirstAttendance, { cityKey: row.cityKey, ...subject, firstOn: row.startsOn, attendances: 1 });
    } else {
      const firstOn = row.startsOn < first.firstOn ? row.startsOn : first.firstOn;
      await manager.update(FirstAttendance, { cityKey: row.cityKey, ...subject }, { firstOn, attendances: first.attendances + 1 });
    }
  }
}

export async function attendanceRemoved(manager: EntityManager, registrationId: string): Promise<void> {
  const row = await manager.findOneBy(Participation, { registrationId });
  if (!row) return;
  const reached = reachedBy(row);
  const firsts = await lockFirsts(manager, row.cityKey, reached);
  await manager.delete(Participation, { participationId: row.participationId });
  for (const subject of reached) {
    const first = firsts.get(keyOfSubject(subject));
    const where = { cityKey: row.cityKey, ...subject };
    if (!first || first.attendances <= 1) {
      await manager.delete(FirstAttendance, where);
      continue;
    }
    const firstOn = row.startsOn === first.firstOn ? ((await earliestDay(manager, row.cityKey, subject)) ?? first.firstOn) : first.firstOn;
    await manager.update(FirstAttendance, where, { firstOn, attendances: first.attendances - 1 });
  }
}

/** An event moved to another day: its attendances move with it, and their subjects' first days are read again. */
export async function attendancesMoved(manager: EntityManager, eventId: string, startsOn: string): Promise<void> {
  const rows = await manager.find(Participation, { where: { eventId } });
  if (rows.length === 0) return;
  const cityKey = rows[0].cityKey;
  const reached = [...new Map(rows.flatMap(reachedBy).map((subject) => [keyOfSubject(subject), subject])).values()];
  await lockFirsts(manager, cityKey, reached);
  await manager.update(Participation, { eventId }, { startsOn });
  for (const subject of reached) {
    const firstOn = await earliestDay(manager, cityKey, subject);
    if (firstOn !== null) await manager.update(FirstAttendance, { cityKey, ...subject }, { firstOn });
  }
}
