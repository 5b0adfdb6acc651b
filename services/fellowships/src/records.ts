// What every record on fellowships.programs.v1 carries, built in one place so every capability (programs,
// cohorts, fellows, and placements beside them) publishes the same references, and errors answered alike.
import type { CohortRefV1, FellowRefV1, ProgramRefV1 } from '@crosswalk/contracts';
import { forUpdate } from '@crosswalk/persistence';
import { Problem, ProblemCode } from '@crosswalk/problems';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { Fellow } from './fellows/fellow.entity';
import type { Program } from './programs/program.entity';

/** A program with the cities it serves (kept in their own table for filtering). */
export interface ProgramInCities {
  program: Program;
  cityIds: string[];
}

export function programRef({ program, cityIds }: ProgramInCities): ProgramRefV1 {
  return { programId: program.id, programKind: program.kind, cityIds };
}

export function cohortRef(scope: ProgramInCities, cohortId: string): CohortRefV1 {
  return { ...programRef(scope), cohortId };
}

export function fellowRef(scope: ProgramInCities, fellow: Fellow): FellowRefV1 {
  return {
    ...cohortRef(scope, fellow.cohortId),
    fellowId: fellow.id,
    personId: fellow.personId,
    origin: { schoolId: fellow.originSchoolId, sector: fellow.originSector, cityId: fellow.originCityId, role: fellow.originRole },
  };
}

/**
 * The envelope's city: the program's one city, or null for a program serving several (its records then belong
 * to no single city; `cityIds` in the payload names them all). Every record is keyed by the program id.
 */
export function recordOf(scope: ProgramInCities): { key: string; cityId: string | null } {
  return { key: scope.program.id, cityId: scope.cityIds.length === 1 ? scope.cityIds[0] : null };
}

/** A 400 naming one field. */
export function invalid(field: string, ...messages: string[]): Problem {
  return Problem.invalid([{ field, messages }]);
}

/** A 409 `fellowship_refused` whose `reason` is the rule's stable code. */
export function refused(reason: string, message: string): Problem {
  return new Problem(ProblemCode.FellowshipRefused, message, { extensions: { reason } });
}

/**
 * A row by id with a locking read: the latest committed version, whatever the transaction's snapshot (an inbox
 * transaction runs at the database's default isolation), locked until the transaction ends.
 */
export function latest<E extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<E>, id: string): Promise<E> {
  return forUpdate(manager, manager.createQueryBuilder(entity, 'row').where('row.id = :id', { id })).getOneOrFail();
}
