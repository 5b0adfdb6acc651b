import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  type EventEnvelope,
  PersonCreated,
  type PersonCreatedV1,
  PersonUpdated,
  SchoolClosed,
  type SchoolClosedV1,
  SchoolCreated,
  type SchoolCreatedV1,
  SchoolUpdated,
} from '@crosswalk/contracts';
import { OnEvent, type InboxContext } from '@crosswalk/messaging';
import { PartnershipsService } from '../partnerships/partnerships.service';
import { KnownPerson } from './known-person.entity';
import { KnownSchool } from './known-school.entity';

/** The local copy of schools and people; a closure also dissolves the school's partnerships, in the same transaction. */
@Controller()
export class DirectoryHandler {
  constructor(private readonly partnerships: PartnershipsService) {}

  @OnEvent(SchoolCreated)
  async onSchoolCreated(@Payload() event: EventEnvelope<SchoolCreatedV1>, @Ctx() ctx: InboxContext): Promise<void> {
    await this.saveSchool(event.payload, ctx);
  }

  @OnEvent(SchoolUpdated)
  async onSchoolUpdated(@Payload() event: EventEnvelope<SchoolCreatedV1>, @Ctx() ctx: InboxContext): Promise<void> {
    await this.saveSchool(event.payload, ctx);
  }

  @OnEvent(SchoolClosed)
  async onSchoolClosed(@Payload() event: EventEnvelope<SchoolClosedV1>, @Ctx() ctx: InboxContext): Promise<void> {
    const { schoolId, effectiveDate } = event.payload;
    await ctx.manager.update(KnownSchool, { id: schoolId }, { closedOn: effectiveDate });
    await this.partnerships.onSchoolClosed(ctx, schoolId, effectiveDate);
  }

  @OnEvent(PersonCreated)
  async onPersonCreated(@Payload() event: EventEnvelope<PersonCreatedV1>, @Ctx() ctx: InboxContext): Promise<void> {
    await ctx.manager.save(KnownPerson, { id: event.payload.personId, fullName: event.payload.fullName });
  }

  @OnEvent(PersonUpdated)
  async onPersonUpdated(@Payload() event: EventEnvelope<PersonCreatedV1>, @Ctx() ctx: InboxContext): Promise<void> {
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
