import { Controller, Optional } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  CityCreated,
  type CityCreatedV1,
  CityUpdated,
  type EventOf,
  LeadershipTransitioned,
  OrganizationCreated,
  type OrganizationCreatedV1,
  OrganizationUpdated,
  PersonCreated,
  type PersonCreatedV2,
  PersonUpdated,
  SchoolClosed,
  SchoolCreated,
  type SchoolCreatedV1,
  SchoolUpdated,
} from '@crosswalk/contracts';
import { HandlesEvent, type InboxContext } from '@crosswalk/messaging';
import { DirectoryReactions } from './directory-reactions';
import { KnownCity, KnownOrganization, KnownPerson, KnownSchool, RoleTransition } from './entities';

/**
 * The copy's one handler of each directory and leadership event. Every write is an upsert keyed by the
 * directory's id, or an update to the same values, so a redelivered or replayed event changes nothing; the
 * service's reactions (if any) run after the copy has the fact.
 */
@Controller() // handlers are controllers of the inbox transport
export class DirectoryCopyHandler {
  constructor(@Optional() private readonly reactions?: DirectoryReactions) {}

  @HandlesEvent(CityCreated)
  async onCityCreated(@Payload() event: EventOf<typeof CityCreated>, @Ctx() ctx: InboxContext): Promise<void> {
    await this.saveCity(event.payload, ctx);
  }

  @HandlesEvent(CityUpdated)
  async onCityUpdated(@Payload() event: EventOf<typeof CityUpdated>, @Ctx() ctx: InboxContext): Promise<void> {
    await this.saveCity(event.payload, ctx);
  }

  @HandlesEvent(OrganizationCreated)
  async onOrganizationCreated(@Payload() event: EventOf<typeof OrganizationCreated>, @Ctx() ctx: InboxContext): Promise<void> {
    await this.saveOrganization(event.payload, ctx);
  }

  @HandlesEvent(OrganizationUpdated)
  async onOrganizationUpdated(@Payload() event: EventOf<typeof OrganizationUpdated>, @Ctx() ctx: InboxContext): Promise<void> {
    await this.saveOrganization(event.payload, ctx);
  }

  @HandlesEvent(SchoolCreated)
  async onSchoolCreated(@Payload() event: EventOf<typeof SchoolCreated>, @Ctx() ctx: InboxContext): Promise<void> {
    await this.saveSchool(event.payload, ctx);
  }

  @HandlesEvent(SchoolUpdated)
  async onSchoolUpdated(@Payload() event: EventOf<typeof SchoolUpdated>, @Ctx() ctx: InboxContext): Promise<void> {
    await this.saveSchool(event.payload, ctx);
  }

  @HandlesEvent(SchoolClosed)
  async onSchoolClosed(@Payload() event: EventOf<typeof SchoolClosed>, @Ctx() ctx: InboxContext): Promise<void> {
    await ctx.manager.update(KnownSchool, { id: event.payload.schoolId }, { closedOn: event.payload.effectiveDate });
    await this.reactions?.onSchoolClosed?.(event, ctx);
  }

  @HandlesEvent(PersonCreated)
  async onPersonCreated(@Payload() event: EventOf<typeof PersonCreated>, @Ctx() ctx: InboxContext): Promise<void> {
    await this.savePerson(event.payload, ctx);
  }

  @HandlesEvent(PersonUpdated)
  async onPersonUpdated(@Payload() event: EventOf<typeof PersonUpdated>, @Ctx() ctx: InboxContext): Promise<void> {
    await this.savePerson(event.payload, ctx);
  }

  /** Every role at schools and organizations, corrections included; a correction marks the transition it supersedes. */
  @HandlesEvent(LeadershipTransitioned)
  async onTransitioned(@Payload() event: EventOf<typeof LeadershipTransitioned>, @Ctx() ctx: InboxContext): Promise<void> {
    const t = event.payload;
    await ctx.manager.save(RoleTransition, {
      id: t.transitionId,
      holderKind: t.holderKind,
      holderId: t.holderId,
      cityId: t.cityId,
      role: t.role,
      outgoingPersonId: t.outgoingPersonId ?? null,
      incomingPersonId: t.incomingPersonId ?? null,
      effectiveDate: t.effectiveDate,
      supersedesTransitionId: t.supersedesTransitionId ?? null,
      supersededBy: null,
      recordedAt: new Date(event.occurredAt),
    });
    if (t.supersedesTransitionId) {
      await ctx.manager.update(RoleTransition, { id: t.supersedesTransitionId }, { supersededBy: t.transitionId });
    }
    await this.reactions?.onTransitioned?.(event, ctx);
  }

  private async saveCity(city: CityCreatedV1, ctx: InboxContext): Promise<void> {
    // The whole city: an update without a time zone removes the one it had.
    await ctx.manager.save(KnownCity, { id: city.cityId, name: city.name, state: city.state, timeZone: city.timeZone ?? null });
  }

  /** Created and updated carry the whole organization: the last one told wins. */
  private async saveOrganization(organization: OrganizationCreatedV1, ctx: InboxContext): Promise<void> {
    await ctx.manager.save(KnownOrganization, {
      id: organization.organizationId,
      cityId: organization.cityId,
      name: organization.name,
      kind: organization.kind,
    });
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

  private async savePerson(person: PersonCreatedV2, ctx: InboxContext): Promise<void> {
    await ctx.manager.save(KnownPerson, { id: person.personId, fullName: person.fullName });
    await this.reactions?.onPersonSaved?.(person, ctx);
  }
}
