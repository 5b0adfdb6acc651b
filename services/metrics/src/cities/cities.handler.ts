import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { CityCreated, type EventOf } from '@crosswalk/contracts';
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
}
