import { Inject, Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '@crosswalk/auth';
import { Outbox, OutboxRelay, RecordingScope, type TransactionScope, UnitOfWork } from '@crosswalk/messaging';
import { dialectOf, nameKeyOf } from '@crosswalk/persistence';
import { PLATFORM_CONFIG } from '@crosswalk/platform';
import { Problem, ProblemCode } from '@crosswalk/problems';
import { LeadershipTransition } from '../leadership/leadership-transition.entity';
import { LeadershipService } from '../leadership/leadership.service';
import { CreatePersonRequest } from '../people/dto/person.dto';
import { PeopleService, emailKeyOf } from '../people/people.service';
import { Person } from '../people/person.entity';
import { CreateSchoolRequest } from '../schools/dto/school.dto';
import { School } from '../schools/school.entity';
import { SchoolsService } from '../schools/schools.service';
import type { SchoolsConfig } from '../schools.config';
import { type CsvError, type CsvRow, type CsvSource, type ParsedCsv, RECORDS_PER_TURN, TooManyRows, nextTurn, parseCsv } from './csv.rules';
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

/**
 * One problem per bad cell, so that the count in the answer is the number of cells to fix: an empty required
 * cell is "required" (not the three rules its absence breaks), and a cell breaking several rules lists them.
 */
function messagesOf(errors: ValidationError[], cells: Record<string, string>): { column: string; message: string }[] {
  return errors.map((e) => ({
    column: e.property,
    message: cells[e.property] === '' ? `${e.property} is required` : Object.values(e.constraints ?? {}).join('; '),
  }));
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
 *
 * A file holds at most SCHOOLS_IMPORT_MAX_ROWS rows, and no step holds the event loop for long: the file is
 * parsed as it arrives, and parsing, validation and applying give the loop a turn every RECORDS_PER_TURN rows,
 * so health probes and other requests are answered during an import (a 100,000-row file once blocked the
 * service for 44 s).
 */
@Injectable()
export class ImportsService {
  private readonly importers: { [K in ImportKind]: Importer<object> };
  private readonly maxRows: number;
  /**
   * On embedded SQLite (`npm start`) every request shares the import's one connection, so a turn given inside
   * its transaction would let another request's writes join it (and roll back with it): there the applying
   * step keeps the loop, as every transaction on that dialect does.
   */
  private readonly yieldWhileApplying: boolean;

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly outbox: Outbox,
    private readonly relay: OutboxRelay,
    people: PeopleService,
    schools: SchoolsService,
    leadership: LeadershipService,
    dataSource: DataSource,
    @Inject(PLATFORM_CONFIG) config: SchoolsConfig,
  ) {
    this.maxRows = config.SCHOOLS_IMPORT_MAX_ROWS;
    this.yieldWhileApplying = !dialectOf(dataSource).embedded;
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
    const parsed = await this.parse(csv, importer);

    // Every problem of the file in one answer: what reading found (the header, widths, bytes), each row's
    // malformed cells, and below, what the directory refuses.
    const rows: { line: number; value: object }[] = [];
    const errors: CsvError[] = [...parsed.errors];
    for (const [index, row] of parsed.rows.entries()) {
      if (index > 0 && index % RECORDS_PER_TURN === 0) await nextTurn();
      const value = this.rowValue(importer, row);
      const problems = messagesOf(await validate(value, { whitelist: true, forbidNonWhitelisted: true }), row.cells);
      if (kind === 'tenures' && Boolean(row.cells.schoolId) === Boolean(row.cells.organizationId)) {
        problems.push({ column: 'schoolId', message: 'give exactly one of schoolId and organizationId' });
      }
      errors.push(...problems.map((p) => ({ line: row.line, ...p })));
      if (!problems.length) rows.push({ line: row.line, value });
    }
    if (!rows.length && errors.length) throw this.rejection(kind, errors);

    // The rows that passed validation are still applied (and rolled back) so that the answer lists what the
    // directory refuses too (an unknown city, a taken NCES id, a conflicting transition): one round of fixes.
    try {
      let published = 0;
      const outcomes = await this.unitOfWork.run(async (tx) => {
        const done: Outcome[] = [];
        const failed: CsvError[] = [...errors];
        // The rows' events go to the outbox batch by batch, in the same transaction: written all at the commit,
        // validating and inserting 10,000 of them would hold the loop for seconds in one go.
        let batch = new RecordingScope(tx.manager, this.outbox);
        for (const [index, { line, value }] of rows.entries()) {
          if (index > 0 && index % RECORDS_PER_TURN === 0) {
            published += (await batch.flush()).length;
            batch = new RecordingScope(tx.manager, this.outbox);
            if (this.yieldWhileApplying) await nextTurn();
          }
          try {
            done.push(await importer.apply(batch, value, principal));
          } catch (error) {
            const reason = reasonOf(error);
            if (reason === undefined) throw error;
            failed.push({ line, message: reason });
          }
        }
        if (failed.length) throw new RowErrors(failed);
        published += (await batch.flush()).length;
        return done;
      });
      // As UnitOfWork does for the events it writes itself: only after the commit.
      if (published > 0) this.relay.wake();
      return { kind, rows: rows.length, created: outcomes.filter((o) => o === 'created').length, unchanged: outcomes.filter((o) => o === 'unchanged').length };
    } catch (error) {
      if (error instanceof RowErrors) throw this.rejection(kind, error.errors);
      throw error;
    }
  }

  private async parse(csv: CsvSource, importer: Importer<object>): Promise<ParsedCsv> {
    try {
      return await parseCsv(csv, importer.columns, { maxRows: this.maxRows });
    } catch (error) {
      if (!(error instanceof TooManyRows)) throw error;
      throw new Problem(
        ProblemCode.PayloadTooLarge,
        `Import files are limited to ${error.limit} rows and this one has ${error.rows}; split the file. Nothing was changed`,
      );
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

  private rejection(kind: ImportKind, unsorted: CsvError[]): Problem {
    // In line order; a stable sort keeps a row's problems in the order they were found.
    const rowErrors = [...unsorted].sort((a, b) => a.line - b.line);
    return new Problem(ProblemCode.ImportRowsInvalid, `The ${kind} file was not imported: ${rowErrors.length} error(s); nothing was changed`, {
      extensions: { rowErrors },
    });
  }
}
