import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { CityCreated, CityUpdated, type EventOf } from '@crosswalk/contracts';
import { HandlesEvent, type InboxContext } from '@crosswalk/messaging';
import { KnownCity } from './known-city.entity';

/** Keeps the metrics service's copy of the directory's cities. */
@Controller()
export class CitiesHandler {
  @HandlesEvent(CityCreated)
  async onCityCreated(@Payload() event: EventOf<typeof CityCreated>, @Ctx() ctx: InboxContext): Promise<void> {
    const { cityId, name, state } = event.payload;
    // An upsert: a replay after a reset, or the same city announced again, leaves one row.
    await ctx.manager.save(KnownCity, { id: cityId, name, state, joinedAt: new Date(event.occurredAt) });
  }

  /**
   * A renamed (or re-stated) city: the payload is the whole city after the change. It shares the city's key
   * with the creation, so it is applied after it, and the city keeps the day it joined. A city whose
   * creation is no longer on the topic is learned from its update, as of that update.
   */
  @HandlesEvent(CityUpdated)
  async onCityUpdated(@Payload() event: EventOf<typeof CityUpdated>, @Ctx() ctx: InboxContext): Promise<void> {
    const { cityId, name, state } = event.payload;
    const known = await ctx.manager.findOneBy(KnownCity, { id: cityId });
    await ctx.manager.save(KnownCity, { id: cityId, name, state, joinedAt: known?.joinedAt ?? new Date(event.occurredAt) });
  }
}
