import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { type EventOf, PersonContactChanged } from '@crosswalk/contracts';
import { HandlesEvent, type InboxContext } from '@crosswalk/messaging';
import { Recipients } from './recipients';

/**
 * People's addresses, from the restricted contacts topic (the only place they travel: the directory's person
 * events carry none). Each record is the person's whole current contact, so keeping the latest is an upsert and a
 * replay of the topic rebuilds every address.
 */
@Controller() // handlers are controllers of the inbox transport
export class PersonContactsHandler {
  constructor(private readonly recipients: Recipients) {}

  @HandlesEvent(PersonContactChanged)
  async onContactChanged(@Payload() event: EventOf<typeof PersonContactChanged>, @Ctx() ctx: InboxContext): Promise<void> {
    await this.recipients.remember(ctx.manager, event.payload.personId, event.payload.email);
  }
}
