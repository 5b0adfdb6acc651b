import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  CityCreated,
  type CityCreatedV1,
  CityUpdated,
  type EventOf,
  PersonCreated,
  type PersonCreatedV1,
  PersonUpdated,
  SchoolCreated,
  type SchoolCreatedV1,
  SchoolUpdated,
} from '@crosswalk/contracts';
import { HandlesEvent, type InboxContext } from '@crosswalk/messaging';
import { KnownCity } from './known-city.entity';
import { KnownPerson } from './known-person.entity';
import { KnownSchool } from './known-school.entity';

/**
 * The local copy of cities, schools and people. Every write is an upsert keyed by the directory's id, so a
 * redelivered or replayed event changes nothing. Closures and leadership transitions are handled by the events
 * capability, which also flags hosted events, and records them in the copy through DirectoryService.
 */
@Controller()
export class DirectoryHandler {
  @HandlesEvent(CityCreated)
  async onCityCreated(@Payload() event: EventOf<typeof CityCreated>, @Ctx() ctx: InboxContext): Promise<void> {
    await this.saveCity(event.payload, ctx);
  }

  @HandlesEvent(CityUpdated)
  async onCityUpdated(@Payload() event: EventOf<typeof CityUpdated>, @Ctx() ctx: InboxContext): Promise<void> {
    await this.saveCity(event.payload, ctx);
  }

  @HandlesEvent(SchoolCreated)
  async onSchoolCreated(@Payload() event: EventOf<typeof SchoolCreated>, @Ctx() ctx: InboxContext): Promise<void> {
    await this.saveSchool(event.payload, ctx);
  }

  @HandlesEvent(SchoolUpdated)
  async onSchoolUpdated(@Payload() event: EventOf<typeof SchoolUpdated>, @Ctx() ctx: InboxContext): Promise<void> {
    await this.saveSchool(event.payload, ctx);
  }

  @HandlesEvent(PersonCreated)
  async onPersonCreated(@Payload() event: EventOf<typeof PersonCreated>, @Ctx() ctx: InboxContext): Promise<void> {
    await this.savePerson(event.payload, ctx);
  }

  @HandlesEvent(PersonUpdated)
  async onPersonUpdated(@Payload() event: EventOf<typeof PersonUpdated>, @Ctx() ctx: InboxContext): Promise<void> {
    await this.savePerson(event.payload, ctx);
  }

  /** The address is kept for notifications to the person (see notifications/recipients.ts). */
  private async savePerson(person: PersonCreatedV1, ctx: InboxContext): Promise<void> {
    await ctx.manager.save(KnownPerson, { id: person.personId, fullName: person.fullName, email: person.email });
  }

  private async saveCity(city: CityCreatedV1, ctx: InboxContext): Promise<void> {
    await ctx.manager.save(KnownCity, { id: city.cityId, name: city.name, state: city.state });
  }

  /** Created and updated carry the whole school; an update never reopens a closed school. */
  private async saveSchool(school: SchoolCreatedV1, ctx: InboxContext): Promise<void> {
    const known = await ctx.manager.findOneBy(KnownSchool, { id: school.schoolId });
    await ctx.manager.save(KnownSchool, {
      id: school.schoolId,
      cityId: school.cityId,
      name: school.name,
      sector: school.sector,
      closedOn: known?.closedOn ?? null,
    });
  }
}
