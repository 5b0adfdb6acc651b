import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { type EventOf, SchoolCreated } from '@crosswalk/contracts';
import { HandlesEvent, type InboxContext } from '@crosswalk/messaging';
import { KnownSchool } from './known-school.entity';

/**
 * The directory's schools by city. `schools.school.updated` is not handled: the schools service never
 * changes a school's city (docs/consumed-events.md); closures are kept by the leadership handler.
 */
@Controller()
export class SchoolsHandler {
  @HandlesEvent(SchoolCreated)
  async onSchoolCreated(@Payload() event: EventOf<typeof SchoolCreated>, @Ctx() ctx: InboxContext): Promise<void> {
    const { schoolId, cityId } = event.payload;
    await ctx.manager.save(KnownSchool, { schoolId, cityId });
  }
}
