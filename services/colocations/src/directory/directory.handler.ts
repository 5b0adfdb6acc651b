import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { type EventOf, PersonCreated, PersonUpdated, SchoolCreated, type SchoolCreatedV1, SchoolUpdated } from '@crosswalk/contracts';
import { HandlesEvent, type InboxContext } from '@crosswalk/messaging';
import { KnownPerson } from './known-person.entity';
import { KnownSchool } from './known-school.entity';

/**
 * The local copy of schools and people. Closures and principal transitions are handled by the capability that
 * acts on them, which records them in the copy through DirectoryService.
 */
@Controller()
export class DirectoryHandler {
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
    await ctx.manager.save(KnownPerson, { id: event.payload.personId, fullName: event.payload.fullName });
  }

  @HandlesEvent(PersonUpdated)
  async onPersonUpdated(@Payload() event: EventOf<typeof PersonUpdated>, @Ctx() ctx: InboxContext): Promise<void> {
    await ctx.manager.save(KnownPerson, { id: event.payload.personId, fullName: event.payload.fullName });
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
