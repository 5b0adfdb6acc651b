import type { EventOf, LeadershipTransitioned, PersonCreatedV2, SchoolClosed } from '@crosswalk/contracts';
import type { InboxContext } from '@crosswalk/messaging';

/**
 * What a service does when the directory tells it of a closure or a leadership transition, beyond keeping the
 * copy: the copy's handler calls these after it recorded the fact, in the same inbox transaction (write through
 * `ctx.manager`, record events with `ctx.record`), so the copy already answers with the fact. They are plain
 * methods, not `@HandlesEvent` handlers: the copy's handler stays the consumer's one handler of each event.
 *
 * Also the DI token: `DirectoryCopyModule.forService({ reactions: MyReactions, imports: [MyModule] })`.
 */
export abstract class DirectoryReactions {
  /** The school closed (the copy already has its `closedOn`). */
  onSchoolClosed?(event: EventOf<typeof SchoolClosed>, ctx: InboxContext): Promise<void>;
  /** A role at a school or organization changed hands, or a correction superseded a transition (already in the copy). */
  onTransitioned?(event: EventOf<typeof LeadershipTransitioned>, ctx: InboxContext): Promise<void>;
  /**
   * A person was created or updated (the copy keeps their name). The directory's person events carry no contact
   * data: a service that mails people reads the restricted `schools.contacts.v1` itself (as events does).
   */
  onPersonSaved?(person: PersonCreatedV2, ctx: InboxContext): Promise<void>;
}
