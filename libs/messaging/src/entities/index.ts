import { MessagingTables1732300000000 } from '../migrations/1732300000000-messaging-tables';
import { InboxRecord } from './inbox-record.entity';
import { OutboxRecord } from './outbox-record.entity';

export { InboxRecord } from './inbox-record.entity';
export { OutboxRecord, type OutboxStatus } from './outbox-record.entity';
export { MessagingTables1732300000000 } from '../migrations/1732300000000-messaging-tables';

/** Add to the service's DataSource `entities`. */
export const MESSAGING_ENTITIES = [OutboxRecord, InboxRecord];
/** Add to the service's DataSource `migrations` (next to its own). */
export const MESSAGING_MIGRATIONS = [MessagingTables1732300000000];
