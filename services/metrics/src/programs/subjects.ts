import { forUpdate } from '@crosswalk/persistence';
import type { EntityManager } from 'typeorm';
import { Subject, type SubjectKind } from './subject.entity';

/** The integer key of a city, person or school, given one on first sight. */
export async function keyOf(manager: EntityManager, kind: SubjectKind, externalId: string): Promise<number> {
  const known = await manager.findOne(Subject, { where: { kind, externalId }, select: { subjectKey: true } });
  if (known) return known.subjectKey;
  await manager.createQueryBuilder().insert().into(Subject).values({ kind, externalId }).orIgnore().execute();
  // Another transaction may have given it a key meanwhile: a locking read sees what that one committed.
  const given = await forUpdate(
    manager,
    manager.createQueryBuilder(Subject, 's').where('s.kind = :kind AND s.externalId = :externalId', { kind, externalId }),
  ).getOne();
  if (!given) throw new Error(`No key for ${kind} ${externalId}`);
  return given.subjectKey;
}
