import { randomUUID } from 'node:crypto';
import { makeEnvelope } from '@crosswalk/contracts';
import type { MigrationInterface, QueryRunner } from 'typeorm';

// Spelled out, not read from the contract: a landed migration writes what it wrote, whatever later versions add.
const TYPE = 'schools.person.contact_changed';
const VERSION = 1;
const TOPIC = 'schools.contacts.v1';

/** Rows per insert: keeps each statement well under MySQL's packet size and SQLite's variable limit. */
const BATCH = 200;

/**
 * Contact data moved from the directory's person events to the restricted `schools.contacts.v1`. The people
 * added before the move have no record there yet, so a consumer that builds its addresses from that topic (the
 * events service, on replay) would lose theirs: this writes one `schools.person.contact_changed` per existing
 * person to the outbox, in the migration's transaction, and the relay publishes them like any other event. The
 * envelope is built here rather than through the outbox class so the migration does not change if either does.
 */
export class PersonContactsPublished1796500000000 implements MigrationInterface {
  name = 'PersonContactsPublished1796500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const people = (await queryRunner.query('SELECT id, email FROM person ORDER BY createdAt, id')) as { id: string; email: string }[];
    const context = { source: 'schools', correlationId: randomUUID(), actor: { kind: 'service' as const, id: 'schools' } };
    const createdAt = new Date();
    for (let start = 0; start < people.length; start += BATCH) {
      const rows = people.slice(start, start + BATCH).map(({ id, email }) => {
        const envelope = makeEnvelope({ type: TYPE, version: VERSION, key: id, cityId: null, payload: { personId: id, email } }, context);
        return {
          id: envelope.id,
          topic: TOPIC,
          key: id,
          type: envelope.type,
          version: envelope.version,
          envelope: JSON.stringify(envelope),
          status: 'pending',
          attempts: 0,
          createdAt,
          sentAt: null,
          lastError: null,
        };
      });
      await queryRunner.manager.createQueryBuilder().insert().into('messaging_outbox').values(rows).execute();
    }
  }

  /** The records may already be published; what is left unsent is withdrawn (sent ones stay as history). */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DELETE FROM messaging_outbox WHERE type = ? AND status = 'pending'", [TYPE]);
  }
}
