import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { PersonContactChanged, type PersonContactV1, PersonCreated, type PersonCreatedV2, PersonUpdated } from '@crosswalk/contracts';
import { type TransactionScope, UnitOfWork } from '@crosswalk/messaging';
import { isUniqueViolation, newId } from '@crosswalk/persistence';
import { fetchPage, type Page } from '@crosswalk/platform';
import { Problem, ProblemCode } from '@crosswalk/problems';
import type { CreatePersonRequest, PersonListQuery, UpdatePersonRequest } from './dto/person.dto';
import { PersonResponse } from './dto/person.dto';
import { Person } from './person.entity';

/** Emails are one identity whatever their case: the unique key is the lower-cased address. */
export const emailKeyOf = (email: string): string => email.trim().toLowerCase();

/** The person as the directory (an analytics topic) shows them: no contact data. */
const directoryPayloadOf = (p: Person): PersonCreatedV2 => ({ personId: p.id, fullName: p.fullName });
/** The person's whole current contact, for the restricted contacts topic only. */
const contactPayloadOf = (p: Person): PersonContactV1 => ({ personId: p.id, email: p.email });

export async function requirePerson(manager: EntityManager, id: string): Promise<Person> {
  const person = await manager.findOneBy(Person, { id });
  if (!person) throw Problem.notFound(`Person ${id}`);
  return person;
}

/**
 * People belong to no city (a principal moves between cities), so every authenticated caller may read them
 * and operators may add them; what a person did in a city is scoped through the tenure, not the person.
 */
@Injectable()
export class PeopleService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly dataSource: DataSource,
  ) {}

  async create(request: CreatePersonRequest): Promise<PersonResponse> {
    return PersonResponse.of(await this.withEmailConflict(request.email, () => this.unitOfWork.run((tx) => this.createIn(tx, request))));
  }

  async createIn(tx: TransactionScope, request: CreatePersonRequest): Promise<Person> {
    await this.assertEmailFree(tx.manager, request.email, null);
    const now = new Date();
    const person = await tx.manager.save(
      tx.manager.create(Person, {
        id: newId(),
        fullName: request.fullName,
        email: request.email,
        emailKey: emailKeyOf(request.email),
        createdAt: now,
        updatedAt: now,
      }),
    );
    tx.record(PersonCreated, { key: person.id, cityId: null, payload: directoryPayloadOf(person) });
    tx.record(PersonContactChanged, { key: person.id, cityId: null, payload: contactPayloadOf(person) });
    return person;
  }

  async update(id: string, request: UpdatePersonRequest): Promise<PersonResponse> {
    const updated = await this.withEmailConflict(request.email ?? '', () =>
      this.unitOfWork.run(async (tx) => {
        const person = await requirePerson(tx.manager, id);
        const before = { fullName: person.fullName, email: person.email };
        if (request.email !== undefined) {
          await this.assertEmailFree(tx.manager, request.email, person.id);
          Object.assign(person, { email: request.email, emailKey: emailKeyOf(request.email) });
        }
        if (request.fullName !== undefined) person.fullName = request.fullName;
        person.updatedAt = new Date();
        const saved = await tx.manager.save(person);
        // Each topic hears of the change that concerns it only: a new address is not a directory fact (an update
        // on the analytics topic would tell every consumer that this person's contact changed), and a renamed
        // person's address did not move. The address is compared as given, which is what mail is sent to.
        if (saved.fullName !== before.fullName) {
          tx.record(PersonUpdated, { key: saved.id, cityId: null, payload: directoryPayloadOf(saved) });
        }
        if (saved.email !== before.email) {
          tx.record(PersonContactChanged, { key: saved.id, cityId: null, payload: contactPayloadOf(saved) });
        }
        return saved;
      }),
    );
    return PersonResponse.of(updated);
  }

  async get(id: string): Promise<PersonResponse> {
    return PersonResponse.of(await requirePerson(this.dataSource.manager, id));
  }

  async list(query: PersonListQuery): Promise<Page<PersonResponse>> {
    const select = this.dataSource.manager.createQueryBuilder(Person, 'p');
    if (query.email) select.andWhere('p.emailKey = :emailKey', { emailKey: emailKeyOf(query.email) });
    return fetchPage(select, query, PersonResponse.of);
  }

  private async assertEmailFree(manager: EntityManager, email: string, self: string | null): Promise<void> {
    const holder = await manager.findOneBy(Person, { emailKey: emailKeyOf(email) });
    if (holder && holder.id !== self) throw new Problem(ProblemCode.AlreadyExists, `A person with email ${email} already exists (${holder.id})`);
  }

  private async withEmailConflict<T>(email: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) throw new Problem(ProblemCode.AlreadyExists, `A person with email ${email} already exists`);
      throw error;
    }
  }
}
