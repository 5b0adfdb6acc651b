// The participation rows, each subject's first attendance and the months it was reached in, kept exact as
// attendances come, go (a correction) and move (a reschedule). A person's attendances can be applied by
// several partitions at once (different events, possibly in different cities), so every change first locks
// the subjects' key rows, then their first-attendance rows, before it touches their participation rows and
// months: changes of one subject queue up network-wide, and an earliest day read again after a removal is
// read with a lock too, so it sees what the others committed.
import { forUpdate } from '@crosswalk/persistence';
import { type EntityManager, In } from 'typeorm';
import { FirstAttendance, type ReachedKind } from './first-attendance.entity';
import { type Month, NO_LATER_MONTH, NO_MONTH, lastDayOf, monthOf } from './months.rules';
import { Participation } from './participation.entity';
import { NETWORK_SCOPE, ReachedMonth, ReachedMonthCount } from './reached-month.entity';
import { Subject } from './subject.entity';

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

/** Locks the subjects' key rows (people and schools, in key order): the lock every change of a subject takes first, in any city. */
async function lockSubjects(manager: EntityManager, reached: Reached[]): Promise<void> {
  const keys = [...new Set(reached.map((subject) => subject.subjectKey))].sort((a, b) => a - b);
  if (keys.length === 0) return;
  await forUpdate(
    manager,
    manager
      .createQueryBuilder(Subject, 's')
      .select('s.subjectKey')
      .where({ subjectKey: In(keys) })
      .orderBy('s.subjectKey'),
  ).getMany();
}

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

/**
 * Changes to the `ReachedMonthCount` rows of one transaction, added up and applied at its end in key order:
 * those rows are shared by every subject, and one order keeps two transactions from waiting on each other
 * crosswise.
 */
class CountChanges {
  private readonly changes = new Map<string, { row: Omit<ReachedMonthCount, 'subjects'>; by: number }>();

  add(scopeKey: number, subjectKind: ReachedKind, month: Month, previousMonth: Month, by: number): void {
    const key = `${String(scopeKey).padStart(12, '0')} ${subjectKind} ${month} ${previousMonth}`;
    const change = this.changes.get(key) ?? { row: { scopeKey, subjectKind, month, previousMonth }, by: 0 };
    change.by += by;
    this.changes.set(key, change);
  }

  async apply(manager: EntityManager): Promise<void> {
    for (const key of [...this.changes.keys()].sort()) {
      const { row, by } = this.changes.get(key) as { row: Omit<ReachedMonthCount, 'subjects'>; by: number };
      if (by === 0) continue;
      await manager
        .createQueryBuilder()
        .insert()
        .into(ReachedMonthCount)
        .values({ ...row, subjects: 0 })
        .orIgnore()
        .execute();
      await manager
        .createQueryBuilder()
        .update(ReachedMonthCount)
        .set({ subjects: () => `subjects + ${by}` })
        .where('scopeKey = :scopeKey AND subjectKind = :subjectKind AND month = :month AND previousMonth = :previousMonth', row)
        .execute();
    }
  }
}

/**
 * The subject's month in the scope (`at`), or its nearest reached month before or after it, if any. Read with a
 * lock: a plain read would see the transaction's snapshot, taken before the subject's lock was granted, and
 * miss what the change that held the lock before committed.
 */
async function reachedMonth(
  manager: EntityManager,
  scopeKey: number,
  subject: Reached,
  month: Month,
  side: 'at' | 'before' | 'after',
): Promise<ReachedMonth | null> {
  const select = manager
    .createQueryBuilder(ReachedMonth, 'm')
    .where('m.scopeKey = :scopeKey AND m.subjectKind = :subjectKind AND m.subjectKey = :subjectKey', { scopeKey, ...subject })
    .andWhere(`m.month ${side === 'at' ? '=' : side === 'before' ? '<' : '>'} :month`, { month })
    .orderBy('m.month', side === 'before' ? 'DESC' : 'ASC')
    .limit(1);
  return forUpdate(manager, select).getOne();
}

/** The keys of every city: the network scope's rows are read from the participation rows of all of them. */
async function allCityKeys(manager: EntityManager): Promise<number[]> {
  return (await manager.find(Subject, { where: { kind: 'city' }, select: { subjectKey: true } })).map((city) => city.subjectKey);
}

/**
 * Reads a month row's first and last attended days again from the participation rows (after an attendance of
 * one of those days went or moved), with a lock like `earliestDay`. The subject is locked already.
 */
async function readDaysAgain(manager: EntityManager, scopeKey: number, subject: Reached, month: Month): Promise<void> {
  // A leader's attendances are their own as a person (`leaderKey` is then the person's key): the person index.
  const column = subject.subjectKind === 'school' ? 'p.schoolKey' : 'p.personKey';
  const select = manager
    .createQueryBuilder(Participation, 'p')
    .select('MIN(p.startsOn)', 'firstDay')
    .addSelect('MAX(p.startsOn)', 'lastDay')
    .where(`p.cityKey IN (:...cityKeys) AND ${column} = :subjectKey AND p.startsOn >= :from AND p.startsOn <= :to`, {
      cityKeys: scopeKey === NETWORK_SCOPE ? await allCityKeys(manager) : [scopeKey],
      subjectKey: subject.subjectKey,
      from: `${month}-01`,
      to: lastDayOf(month),
    });
  if (subject.subjectKind === 'leader') select.andWhere('p.leaderKey IS NOT NULL');
  const days = await forUpdate(manager, select).getRawOne<{ firstDay: string | null; lastDay: string | null }>();
  if (!days?.firstDay || !days.lastDay) return; // no row left: the month row goes with its last attendance
  await manager.update(ReachedMonth, { scopeKey, ...subject, month }, { firstDay: days.firstDay, lastDay: days.lastDay });
}

/**
 * Adds `n` attendances on `day` (negative: removes them) to a subject's month in a scope. A month reached for
 * the first time is linked between its neighbours (the next month's previous month and the previous month's
 * next month become it); a month left without attendances is unlinked (its neighbours then follow each
 * other). The month's first and last days take in an added day; a removed day that was one of them is read
 * again from the participation rows, which the caller changed first. The subject is locked already.
 */
async function addToMonth(manager: EntityManager, counts: CountChanges, scopeKey: number, subject: Reached, day: string, n: number): Promise<void> {
  const month = monthOf(day);
  const where = { scopeKey, ...subject, month };
  // The common case first, in one statement: a month already reached that keeps attendances after the change.
  const kept = await manager
    .createQueryBuilder()
    .update(ReachedMonth)
    .set({
      attendances: () => `attendances + ${n}`,
      ...(n > 0
        ? { firstDay: () => 'CASE WHEN firstDay > :day THEN :day ELSE firstDay END', lastDay: () => 'CASE WHEN lastDay < :day THEN :day ELSE lastDay END' }
        : {}),
    })
    .where('scopeKey = :scopeKey AND subjectKind = :subjectKind AND subjectKey = :subjectKey AND month = :month AND attendances + :n > 0', { ...where, n })
    .setParameter('day', day)
    .execute();
  if (kept.affected === 1) {
    if (n < 0) await readDaysAgain(manager, scopeKey, subject, month);
    return;
  }
  const row = n < 0 ? await reachedMonth(manager, scopeKey, subject, month, 'at') : null;
  if (row) {
    // Its last attendance of the month went: the months before and after now follow each other.
    await manager.delete(ReachedMonth, where);
    counts.add(scopeKey, subject.subjectKind, month, row.previousMonth, -1);
    if (row.nextMonth !== NO_LATER_MONTH) await relink(manager, counts, { ...where, month: row.nextMonth, previousMonth: month }, row.previousMonth);
    if (row.previousMonth !== NO_MONTH) await manager.update(ReachedMonth, { ...where, month: row.previousMonth }, { nextMonth: row.nextMonth });
    return;
  }
  if (n < 0) throw new Error(`No ${subject.subjectKind} ${subject.subjectKey} reached in ${month} (scope ${scopeKey}) to remove attendances from`);
  const next = await reachedMonth(manager, scopeKey, subject, month, 'after');
  const previousMonth = (await reachedMonth(manager, scopeKey, subject, month, 'before'))?.month ?? NO_MONTH;
  const nextMonth = next?.month ?? NO_LATER_MONTH;
  await manager.insert(ReachedMonth, { ...where, attendances: n, previousMonth, nextMonth, firstDay: day, lastDay: day });
  counts.add(scopeKey, subject.subjectKind, month, previousMonth, 1);
  if (next) await relink(manager, counts, next, month);
  if (previousMonth !== NO_MONTH) await manager.update(ReachedMonth, { ...where, month: previousMonth }, { nextMonth: month });
}

/** Gives a month another previous month, moving it from one count to the other. */
async function relink(
  manager: EntityManager,
  counts: CountChanges,
  row: Pick<ReachedMonth, 'scopeKey' | 'subjectKind' | 'subjectKey' | 'month' | 'previousMonth'>,
  previousMonth: Month,
): Promise<void> {
  const { scopeKey, subjectKind, subjectKey, month } = row;
  counts.add(scopeKey, subjectKind, month, row.previousMonth, -1);
  counts.add(scopeKey, subjectKind, month, previousMonth, 1);
  await manager.update(ReachedMonth, { scopeKey, subjectKind, subjectKey, month }, { previousMonth });
}

/** An attendance's subjects gain (or lose) one on its day, in its city and across the network. */
async function addToMonths(manager: EntityManager, counts: CountChanges, cityKey: number, reached: Reached[], day: string, n: number): Promise<void> {
  for (const scopeKey of [cityKey, NETWORK_SCOPE]) {
    for (const subject of reached) await addToMonth(manager, counts, scopeKey, subject, day, n);
  }
}

export async function attendanceAdded(manager: EntityManager, row: Omit<Participation, 'participationId'>): Promise<void> {
  const reached = reachedBy(row);
  await lockSubjects(manager, reached);
  const firsts = await lockFirsts(manager, row.cityKey, reached);
  await manager.insert(Participation, row);
  const counts = new CountChanges();
  await addToMonths(manager, counts, row.cityKey, reached, row.startsOn, 1);
  for (const subject of reached) {
    const first = firsts.get(keyOfSubject(subject));
    if (!first) {
      await manager.insert(FirstAttendance, { cityKey: row.cityKey, ...subject, firstOn: row.startsOn, attendances: 1 });
    } else {
      const firstOn = row.startsOn < first.firstOn ? row.startsOn : first.firstOn;
      await manager.update(FirstAttendance, { cityKey: row.cityKey, ...subject }, { firstOn, attendances: first.attendances + 1 });
    }
  }
  await counts.apply(manager);
}

export async function attendanceRemoved(manager: EntityManager, registrationId: string): Promise<void> {
  const row = await manager.findOneBy(Participation, { registrationId });
  if (!row) return;
  const reached = reachedBy(row);
  await lockSubjects(manager, reached);
  const firsts = await lockFirsts(manager, row.cityKey, reached);
  await manager.delete(Participation, { participationId: row.participationId });
  const counts = new CountChanges();
  await addToMonths(manager, counts, row.cityKey, reached, row.startsOn, -1);
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
  await counts.apply(manager);
}

/** An event moved to another day: its attendances move with it, and their subjects' first days are read again. */
export async function attendancesMoved(manager: EntityManager, eventId: string, startsOn: string): Promise<void> {
  const rows = await manager.find(Participation, { where: { eventId } });
  if (rows.length === 0) return;
  const cityKey = rows[0].cityKey;
  const reached = [...new Map(rows.flatMap(reachedBy).map((subject) => [keyOfSubject(subject), subject])).values()];
  await lockSubjects(manager, reached);
  await lockFirsts(manager, cityKey, reached);
  await manager.update(Participation, { eventId }, { startsOn });
  for (const subject of reached) {
    const firstOn = await earliestDay(manager, cityKey, subject);
    if (firstOn !== null) await manager.update(FirstAttendance, { cityKey, ...subject }, { firstOn });
  }
  // A move within a month leaves the months as they are but for their first and last days; to another month,
  // each subject's attendances of the event move over (several, should one person hold several registrations).
  const from = rows[0].startsOn;
  if (monthOf(from) === monthOf(startsOn)) {
    for (const scopeKey of [cityKey, NETWORK_SCOPE]) for (const subject of reached) await readDaysAgain(manager, scopeKey, subject, monthOf(from));
    return;
  }
  const moving = new Map<string, { subject: Reached; n: number }>();
  for (const subject of rows.flatMap(reachedBy)) {
    const entry = moving.get(keyOfSubject(subject)) ?? { subject, n: 0 };
    entry.n += 1;
    moving.set(keyOfSubject(subject), entry);
  }
  const counts = new CountChanges();
  for (const { subject, n } of moving.values()) {
    await addToMonths(manager, counts, cityKey, [subject], startsOn, n);
    await addToMonths(manager, counts, cityKey, [subject], from, -n);
  }
  await counts.apply(manager);
}
