// The embedded mode (`npm start` without servers): the colocations migrations and use cases on SQLite, with a
// fixed clock. Handlers are called directly with no inbox in front of them, every event twice, so the
// partnership side must itself refuse to act twice on one transition or closure (as in a replay). Also the
// corrections a live test cannot easily stage.
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Principal } from '@crosswalk/auth';
import type { EventEnvelope } from '@crosswalk/contracts';
import { DirectoryCopy, DirectoryCopyHandler } from '@crosswalk/directory-copy';
import { type InboxContext, MESSAGING_ENTITIES, MESSAGING_MIGRATIONS, Outbox, OutboxRecord, RecordingScope, UnitOfWork } from '@crosswalk/messaging';
import { openServiceDatabase } from '@crosswalk/persistence';
import { loadConfig } from '@crosswalk/platform';
import { ProblemCode } from '@crosswalk/problems';
import type { DataSource } from 'typeorm';
import { COLOCATIONS_MIGRATIONS } from '../migrations';
import { COLOCATIONS_ENTITIES } from '../src/app.module';
import { Clock } from '@crosswalk/platform';
import { ColocationsConfig } from '../src/colocations.config';
import { PartnershipsReactions } from '../src/partnerships/partnerships.reactions';
import { PartnershipsService } from '../src/partnerships/partnerships.service';
import { SitesService } from '../src/sites/sites.service';
import { cityCreated, personCreated, principalTransition, schoolClosed, schoolCreated } from './support';

class FixedClock extends Clock {
  constructor(public day: string) {
    super();
  }
  today(): string {
    return this.day;
  }
}

const ADMIN: Principal = { subject: 'admin-1', role: 'network_admin', cities: [] };
const city = 'denver-city';

describe('colocations on embedded SQLite', () => {
  let dir: string;
  let dataSource: DataSource;
  let outbox: Outbox;
  let partnerships: PartnershipsService;
  let sites: SitesService;
  let deliver: (...envelopes: EventEnvelope<object>[]) => Promise<void>;
  const clock = new FixedClock('2026-03-10');

  const published = async (type: string): Promise<number> => dataSource.getRepository(OutboxRecord).countBy({ type });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'crosswalk-colocations-'));
    dataSource = await openServiceDatabase({
      service: 'colocations',
      dataDir: dir,
      entities: [...MESSAGING_ENTITIES, ...COLOCATIONS_ENTITIES],
      migrations: [...MESSAGING_MIGRATIONS, ...COLOCATIONS_MIGRATIONS],
    });
    outbox = new Outbox({ service: 'colocations' });
    const unitOfWork = new UnitOfWork(dataSource, outbox);
    const config = loadConfig(ColocationsConfig, { JWT_SECRET: 'x'.repeat(32), KAFKA_BROKERS: '127.0.0.1:9092', COLOCATION_GRACE_PERIOD_DAYS: '30' });
    partnerships = new PartnershipsService(unitOfWork, dataSource, new DirectoryCopy(), clock, config);
    sites = new SitesService(unitOfWork, dataSource, new DirectoryCopy());
    const directory = new DirectoryCopyHandler(new PartnershipsReactions(partnerships));
    const handlers: Record<string, (envelope: EventEnvelope<never>, ctx: InboxContext) => Promise<void>> = {
      'schools.city.created': (e, ctx) => directory.onCityCreated(e, ctx),
      'schools.school.created': (e, ctx) => directory.onSchoolCreated(e, ctx),
      'schools.school.closed': (e, ctx) => directory.onSchoolClosed(e, ctx),
      'schools.person.created': (e, ctx) => directory.onPersonCreated(e, ctx),
      'schools.leadership.transitioned': (e, ctx) => directory.onTransitioned(e, ctx),
    };
    deliver = async (...envelopes) => {
      for (const envelope of envelopes) {
        await dataSource.transaction(async (manager) => {
          const scope = new RecordingScope(manager, outbox);
          await handlers[envelope.type](envelope as EventEnvelope<never>, scope as unknown as InboxContext);
          await scope.flush();
        });
      }
    };
    await deliver(
      cityCreated(city, 'Denver', 'CO'),
      schoolCreated('lincoln', city, 'Lincoln Elementary', 'district'),
      schoolCreated('strive', city, 'STRIVE Prep', 'charter'),
      schoolCreated('rose', city, 'St Rose', 'catholic'),
      personCreated('ana', 'Ana Ruiz'),
      personCreated('ben', 'Ben Okafor'),
      personCreated('cruz', 'Cruz Medina'),
      principalTransition('lincoln', city, null, 'ana', '2024-07-01'),
      principalTransition('strive', city, null, 'ben', '2024-07-01'),
    );
  });

  afterAll(async () => {
    await dataSource?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('asks once per transition, recommits by the current principal, lapses as of the clock, dissolves once', async () => {
    const site = await sites.create({ name: 'Federal Campus', cityId: city }, ADMIN);
    const formed = await partnerships.form({ siteId: site.id, memberSchoolIds: ['lincoln', 'strive'], startedOn: '2025-08-15' }, ADMIN);
    const other = await partnerships.form({ siteId: site.id, memberSchoolIds: ['strive', 'rose'], startedOn: '2025-08-15' }, ADMIN);
    expect(formed.members.map((m) => m.champion?.fullName)).toEqual(['Ana Ruiz', 'Ben Okafor']);

    const toCruz = principalTransition('lincoln', city, 'ana', 'cruz', '2026-03-01');
    await deliver(toCruz, toCruz);
    const awaiting = await partnerships.get(formed.id, ADMIN);
    expect(awaiting.status).toBe('awaiting_recommitment');
    expect(awaiting.members[0].pendingRecommitment).toMatchObject({ effectiveDate: '2026-03-01', dueBy: '2026-03-31', incomingPersonId: 'cruz' });
    expect(awaiting.history).toHaveLength(2);
    expect(await published('colocations.partnership.recommitment-requested')).toBe(1);

    await expect(partnerships.recommit(formed.id, { schoolId: 'lincoln', personId: 'ana' }, ADMIN)).rejects.toThrow(
      expect.objectContaining({ code: ProblemCode.RecommitmentRefused }),
    );
    const recommitted = await partnerships.recommit(formed.id, { schoolId: 'lincoln', personId: 'cruz' }, ADMIN);
    expect(recommitted.status).toBe('active');
    await deliver(toCruz);
    expect((await partnerships.get(formed.id, ADMIN)).status).toBe('active');

    const toNobody = principalTransition('lincoln', city, 'cruz', null, '2026-03-05');
    await deliver(toNobody);
    expect((await partnerships.get(formed.id, ADMIN)).members[0]).toMatchObject({ champion: null, pendingRecommitment: { dueBy: '2026-04-04' } });
    clock.day = '2026-04-04';
    expect(await partnerships.evaluateGracePeriods()).toEqual({ asOf: '2026-04-04', lapsed: [] });
    clock.day = '2026-04-05';
    expect(await partnerships.evaluateGracePeriods()).toEqual({ asOf: '2026-04-05', lapsed: [formed.id] });
    expect(await partnerships.get(formed.id, ADMIN)).toMatchObject({ status: 'lapsed', endedOn: '2026-04-05' });

    const closure = schoolClosed('rose', city, '2026-06-30');
    await deliver(closure, closure);
    const dissolved = await partnerships.get(other.id, ADMIN);
    expect(dissolved).toMatchObject({ status: 'dissolved', endedOn: '2026-06-30' });
    expect(dissolved.history.map((h) => h.cause)).toEqual(['formed', 'school_closed']);
    expect(await published('colocations.partnership.status-changed')).toBe(5);
  });

  it('withdraws a request when a correction moves its transition to before the partnership began', async () => {
    await deliver(schoolCreated('dora', city, 'Dora Moore', 'district'), schoolCreated('kipp', city, 'KIPP Northeast', 'charter'));
    const site = await sites.create({ name: 'Park Hill Campus', cityId: city }, ADMIN);
    const formed = await partnerships.form({ siteId: site.id, memberSchoolIds: ['dora', 'kipp'], startedOn: '2026-02-01' }, ADMIN);
    const appointment = principalTransition('dora', city, null, 'ana', '2026-02-10');
    await deliver(appointment);
    expect((await partnerships.get(formed.id, ADMIN)).status).toBe('awaiting_recommitment');

    const correction = principalTransition('dora', city, null, 'ana', '2026-01-20', (appointment.payload as { transitionId: string }).transitionId);
    await deliver(correction, correction);
    const corrected = await partnerships.get(formed.id, ADMIN);
    expect(corrected.status).toBe('active');
    expect(corrected.members.find((m) => m.schoolId === 'dora')).toMatchObject({ champion: { personId: 'ana' }, pendingRecommitment: null });
    expect(corrected.history.map((h) => [h.to, h.cause, h.effectiveDate])).toEqual([
      ['active', 'formed', '2026-02-01'],
      ['awaiting_recommitment', 'leadership_transition', '2026-02-10'],
      ['active', 'leadership_transition', '2026-01-20'],
    ]);
  });

  it('with several schools pending, returns to active only when every one of them has recommitted', async () => {
    clock.day = '2026-05-10';
    await deliver(
      schoolCreated('ellis', city, 'Ellis Elementary', 'district'),
      schoolCreated('vista', city, 'Vista Charter', 'charter'),
      schoolCreated('hope', city, 'Hope Academy', 'faith_based'),
      personCreated('gus', 'Gus Hale'),
      personCreated('ida', 'Ida Bell'),
      personCreated('jo', 'Jo Marsh'),
      personCreated('kay', 'Kay Ng'),
      principalTransition('ellis', city, null, 'gus', '2024-07-01'),
      principalTransition('vista', city, null, 'ida', '2024-07-01'),
      principalTransition('hope', city, null, 'jo', '2024-07-01'),
    );
    const site = await sites.create({ name: 'Eastside Campus', cityId: city }, ADMIN);
    // Three members of three sectors.
    const formed = await partnerships.form({ siteId: site.id, memberSchoolIds: ['ellis', 'vista', 'hope'], startedOn: '2026-01-15' }, ADMIN);
    expect(formed.members.map((m) => [m.schoolId, m.champion?.personId])).toEqual([
      ['ellis', 'gus'],
      ['hope', 'jo'],
      ['vista', 'ida'],
    ]);
    const recommittedBefore = await published('colocations.partnership.recommitted');

    await deliver(principalTransition('ellis', city, 'gus', 'kay', '2026-04-20'), principalTransition('vista', city, 'ida', 'ana', '2026-04-25'));
    const awaiting = await partnerships.get(formed.id, ADMIN);
    expect(awaiting.status).toBe('awaiting_recommitment');
    expect(awaiting.members.map((m) => [m.schoolId, m.pendingRecommitment?.dueBy ?? null, m.pendingRecommitment?.outgoingPersonId ?? null])).toEqual([
      ['ellis', '2026-05-20', 'gus'],
      ['hope', null, null],
      ['vista', '2026-05-25', 'ida'],
    ]);
    // The second school's change is recorded as a request, not as a second status change.
    expect(awaiting.history.map((h) => [h.to, h.schoolId])).toEqual([
      ['active', null],
      ['awaiting_recommitment', 'ellis'],
    ]);
    // A member with nothing pending cannot answer for the others.
    await expect(partnerships.recommit(formed.id, { schoolId: 'hope', personId: 'jo' }, ADMIN)).rejects.toThrow(/has no recommitment pending/);

    const half = await partnerships.recommit(formed.id, { schoolId: 'ellis', personId: 'kay' }, ADMIN);
    expect(half.status).toBe('awaiting_recommitment');
    expect(half.members.filter((m) => m.pendingRecommitment).map((m) => m.schoolId)).toEqual(['vista']);
    expect(half.history).toHaveLength(2);
    // Kay has recommitted for Ellis; she is not Vista's principal.
    await expect(partnerships.recommit(formed.id, { schoolId: 'vista', personId: 'kay' }, ADMIN)).rejects.toThrow(/Only the current principal of school vista/);

    const whole = await partnerships.recommit(formed.id, { schoolId: 'vista', personId: 'ana' }, ADMIN);
    expect(whole.status).toBe('active');
    expect(whole.members.every((m) => m.pendingRecommitment === null)).toBe(true);
    expect(whole.history.map((h) => [h.from, h.to, h.cause, h.schoolId])).toEqual([
      [null, 'active', 'formed', null],
      ['active', 'awaiting_recommitment', 'leadership_transition', 'ellis'],
      ['awaiting_recommitment', 'active', 'recommitment', 'vista'],
    ]);
    expect(await published('colocations.partnership.recommitted')).toBe(recommittedBefore + 2);
    // Nothing is left to lapse, whatever the day.
    clock.day = '2027-01-01';
    expect((await partnerships.evaluateGracePeriods()).lapsed).not.toContain(formed.id);
  });
});
