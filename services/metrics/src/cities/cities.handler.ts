import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { CityCreated, type CityCreatedV1, type EventEnvelope } from '@crosswalk/contracts';
import { OnEvent, type InboxContext } from '@crosswalk/messaging';
import { KnownCity } from './known-city.entity';

/** Keeps the metrics service's copy of the directory's cities. */
@Controller()
export class CitiesHandler {
  @OnEvent(CityCreated)
  async onCityCreated(@Payload() event: EventEnvelope<CityCreatedV1>, @Ctx() ctx: InboxContext): Promise<void> {
    const { cityId, name, state } = event.payload;
    // An upsert: a replay after a reset, or the same city announced again, leaves one row.
    await ctx.manager.save(KnownCity, { id: cityId, name, state, joinedAt: new Date(event.occurredAt) });
  }
}
