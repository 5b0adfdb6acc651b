import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import type { EntityManager } from 'typeorm';
import type { Principal } from '@crosswalk/auth';
import { type TransactionScope, UnitOfWork } from '@crosswalk/messaging';
import { nameKeyOf } from '@crosswalk/persistence';
import { Problem, ProblemCode } from '@crosswalk/problems';
import { LeadershipTransition } from '../leadership/leadership-transition.entity';
import { LeadershipService } from '../leadership/leadership.service';
import { CreatePersonRequest } from '../people/dto/person.dto';
import { PeopleService, emailKeyOf } from '../people/people.service';
import { Person } from '../people/person.entity';
import { CreateSchoolRequest } from '../schools/dto/school.dto';
import { School } from '../schools/school.entity';
import { SchoolsService } from '../schools/schools.service';
import { type CsvError, type CsvRow, type CsvSource, parseCsv } from './csv.rules';
import { type ImportKind, type ImportResult, TenureRow } from './dto/import.dto';

type Outcome = 'created' | 'unchanged';

interface Importer<R extends object> {
  columns: { required: readonly string[]; optional: readonly string[] };
  row: new () => R;
  apply(tx: TransactionScope, row: R, principal: Principal): Promise<Outcome>;
}

/** Thrown inside the transaction so that a file with any bad row changes nothing. */
class RowErrors extends Error {
  constructor(readonly errors: CsvError[]) {
    super('rows failed');
  }
}

function messagesOf(errors: ValidationError[]): { column: string; message: string }[] {
  return errors.flatMap((e) => Object.values(e.constraints ?? {}).map((message) => ({ column: e.property, message })));
}

function reasonOf(error: unknown): string | undefined {
  if (!(error instanceof Problem)) return undefined;
  if (error.errors?.length) return error.errors.map((f) => `${f.field}: ${f.messages.join(', ')}`).join('; ');
  return error.detail;
}

/**
 * Spreadsheet imports: every row is validated, then applied through the same use cases as the HTTP routes in
 * ONE unit of work, so a file with any bad row changes nothing. Rows already in the directory (same email,
 * same NCES id or same name in the city, the same transition) are counted as unchanged, so a re-run of a file
 * creates nothing twice.
 */
@Injectable()
export class ImportsService {
  private readonly importers: { [K in ImportKind]: Importer<object> };

  constructor(
    private readonly unitOfWork: UnitOfWork,
    people: PeopleService,
    schools: SchoolsService,
    leadership: LeadershipService,
  ) {
    const person: Importer<CreatePersonRequest> = {
      columns: { required: ['fullName', 'email'], optional: [] },
      row: CreatePersonRequest,
      apply: async (tx, row) => {
        if (await tx.manager.findOneBy(Person, { emailKey: emailKeyOf(row.email) })) return 'unchanged';
        await people.createIn(tx, row);
        return 'created';
      },
    };
    const school: Importer<CreateSchoolRequest> = {
      columns: { required: ['name', 'sector', 'cityId'], optional: ['organizationId', 'ncesId'] },
      row: CreateSchoolRequest,
      apply: async (tx, row, principal) => {
        if (await this.existingSchool(tx.manager, row)) return 'unchanged';
        await schools.createIn(tx, row, principal);
        return 'created';
      },
    };
    const tenure: Importer<TenureRow> = {
      columns: { required: ['role', 'personEmail', 'startDate'], optional: ['schoolId', 'organizationId', 'reason'] },
      row: TenureRow,
      apply: async (tx, row, principal) => {
        const holder = row.schoolId ? { kind: 'school' as const, id: row.schoolId } : { kind: 'organization' as const, id: row.organizationId ?? '' };
        const person = await tx.manager.findOneBy(Person, { emailKey: emailKeyOf(row.personEmail) });
        if (!person) throw new Problem(ProblemCode.ValidationFailed, `no person has email ${row.personEmail}; import people first`);
        const same = await tx.manager.findOneBy(LeadershipTransition, {
          holderKind: holder.kind,
          holderId: holder.id,
          role: row.role,
          incomingPersonId: person.id,
          effectiveDate: row.startDate,
        });
        if (same && !same.supersededByTransitionId) return 'unchanged';
        await leadership.recordTransition(
          tx,
          holder.kind,
          holder.id,
          { role: row.role, incomingPersonId: person.id, effectiveDate: row.startDate, reason: row.reason ?? 'imported' },
          principal,
        );
        return 'created';
      },
    };
    this.importers = { people: person as Importer<object>, schools: school as Importer<object>, tenures: tenure as Importer<object> };
  }

  async import(kind: ImportKind, csv: CsvSource, principal: Principal): Promise<ImportResult> {
    const importer = this.importers[kind];
    const parsed = await parseCsv(csv, importer.columns);
    if (!parsed.ok) throw this.rejection(kind, parsed.errors);

    const rows: { line: number; value: object }[] = [];
    const errors: CsvError[] = [];
    for (const row of parsed.rows) {
      const value = this.rowValue(importer, row);
      const problems = messagesOf(await validate(value, { whitelist: true, forbidNonWhitelisted: true }));
      if (kind === 'tenures' && Boolean(row.cells.schoolId) === Boolean(row.cells.organizationId)) {
        problems.push({ column: 'schoolId', message: 'give exactly one of schoolId and organizationId' });
      }
      errors.push(...problems.map((p) => ({ line: row.line, ...p })));
      rows.push({ line: row.line, value });
    }

    // The rows that passed validation are still applied (and rolled back) so that the answer lists what the
    // directory refuses too (an unknown city, a taken NCES id, a conflicting transition): one round of fixes.
    const invalidLines = new Set(errors.map((e) => e.line));
    try {
      const outcomes = await this.unitOfWork.run(async (tx) => {
        const done: Outcome[] = [];
        const failed: CsvError[] = [...errors];
        for (const { line, value } of rows) {
          if (invalidLines.has(line)) continue;
          try {
            done.push(await importer.apply(tx, value, principal));
          } catch (error) {
            const reason = reasonOf(error);
            if (reason === undefined) throw error;
            failed.push({ line, message: reason });
          }
        }
        if (failed.length) throw new RowErrors(failed.sort((a, b) => a.line - b.line));
        return done;
      });
      return { kind, rows: rows.length, created: outcomes.filter((o) => o === 'created').length, unchanged: outcomes.filter((o) => o === 'unchanged').length };
    } catch (error) {
      if (error instanceof RowErrors) throw this.rejection(kind, error.errors);
      throw error;
    }
  }

  private rowValue(importer: Importer<object>, row: CsvRow): object {
    // Empty optional cells mean "not given", as a missing JSON property does.
    const plain = Object.fromEntries(Object.entries(row.cells).filter(([, cell]) => cell !== ''));
    return plainToInstance(importer.row, plain);
  }

  private async existingSchool(manager: EntityManager, row: CreateSchoolRequest): Promise<School | null> {
    const byNces = row.ncesId ? await manager.findOneBy(School, { ncesId: row.ncesId }) : null;
    return byNces ?? manager.findOneBy(School, { cityId: row.cityId, nameKey: nameKeyOf(row.name) });
  }

  private rejection(kind: ImportKind, rowErrors: CsvError[]): Problem {
    return new Problem(ProblemCode.ImportRowsInvalid, `The ${kind} file was not imported: ${rowErrors.length} error(s); nothing was changed`, {
      extensions: { rowErrors },
    });
  }
}
