import { type Principal, canAccessCity } from '@crosswalk/auth';
import { forUpdate } from '@crosswalk/persistence';
import { Problem } from '@crosswalk/problems';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import type { ProgramInCities } from '../records';
import { Program, ProgramCity } from './program.entity';

/**
 * City scope of fellowships: a program serves cities, and everything under it (cohorts, fellows, mentorships) is
 * seen through it. A city operator sees and acts on a program serving at least one of its cities; any other
 * answers 404 exactly like an unknown id.
 */
export function canSeeProgram(principal: Principal, cityIds: readonly string[]): boolean {
  return cityIds.some((cityId) => canAccessCity(principal, cityId));
}

/** The programs' cities, one query for many programs. */
export async function citiesOfPrograms(manager: EntityManager, programIds: readonly string[]): Promise<Map<string, string[]>> {
  const cities = new Map<string, string[]>(programIds.map((id) => [id, []]));
  if (!programIds.length) return cities;
  const rows = await manager
    .createQueryBuilder(ProgramCity, 'c')
    .where('c.programId IN (:...ids)', { ids: [...new Set(programIds)] })
    .orderBy('c.cityId')
    .getMany();
  for (const row of rows) cities.get(row.programId)?.push(row.cityId);
  return cities;
}

/**
 * The program with its cities, or a 404 naming `what` when it is unknown or outside the caller's cities. With
 * `lock`, the program row is locked until the transaction ends: changes under one program (a discontinuation, a
 * new fellow, a stage change) are applied one after the other.
 */
export async function visibleProgram(manager: EntityManager, principal: Principal, programId: string, what: string, lock = false): Promise<ProgramInCities> {
  const select = manager.createQueryBuilder(Program, 'program').where('program.id = :programId', { programId });
  const program = await (lock ? forUpdate(manager, select) : select).getOne();
  if (!program) throw Problem.notFound(what);
  const cityIds = (await citiesOfPrograms(manager, [program.id])).get(program.id) ?? [];
  if (!canSeeProgram(principal, cityIds)) throw Problem.notFound(what);
  return { program, cityIds };
}

/** The program of a record found by another route (an inbox reaction): no caller, locked. */
export async function lockedProgram(manager: EntityManager, programId: string): Promise<ProgramInCities> {
  const program = await forUpdate(manager, manager.createQueryBuilder(Program, 'program').where('program.id = :programId', { programId })).getOneOrFail();
  return { program, cityIds: (await citiesOfPrograms(manager, [program.id])).get(program.id) ?? [] };
}

/**
 * Restricts a list to the programs serving one of `cities` (undefined: every city), through the column holding
 * the program id: one EXISTS, so a page stays one query.
 */
export function whereProgramServes<E extends object>(select: SelectQueryBuilder<E>, programIdColumn: string, cities: string[] | undefined): void {
  if (cities === undefined) return;
  if (!cities.length) {
    select.andWhere('1 = 0');
    return;
  }
  select.andWhere(`EXISTS (SELECT 1 FROM fellowship_program_city served WHERE served.programId = ${programIdColumn} AND served.cityId IN (:...servedCities))`, {
    servedCities: cities,
  });
}
