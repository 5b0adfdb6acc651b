import 'reflect-metadata';
import { PayloadValidationError, defineEvent } from '@crosswalk/contracts';
import { runWithContext } from '@crosswalk/observability';
import { IsISO8601, IsString } from 'class-validator';
import type { EntityManager } from 'typeorm';
import { OutboxRecord } from './entities/outbox-record.entity';
import { Outbox, RecordingScope } from './outbox';

class GadgetMade {
  @IsString() gadgetId!: string;
  @IsISO8601() madeOn!: string;
}
const GadgetMadeEvent = defineEvent<GadgetMade>({ type: 'test.gadget.made', version: 1, topic: 'test.gadgets.v1', payload: GadgetMade, description: 'test' });

/** An EntityManager stand-in that only records inserts: the outbox needs nothing else. */
function fakeManager(): { manager: EntityManager; inserted: Partial<OutboxRecord>[][] } {
  const inserted: Partial<OutboxRecord>[][] = [];
  const manager = {
    insert: async (target: unknown, rows: Partial<OutboxRecord>[]) => {
      expect(target).toBe(OutboxRecord);
      inserted.push(rows);
      return {};
    },
  } as unknown as EntityManager;
  return { manager, inserted };
}

const gadget = (id: string) => ({ type: 'test.gadget.made', version: 1, key: id, cityId: 'city-1', payload: { gadgetId: id, madeOn: '2024-01-02' } });

describe('Outbox.record', () => {
  const outbox = new Outbox({ service: 'gadgets' });

  it('inserts one pending row per event, in order, with the envelope as published', async () => {
    const { manager, inserted } = fakeManager();
    const envelopes = await outbox.record(manager, [gadget('g1'), gadget('g2')]);
    expect(inserted).toHaveLength(1);
    expect(inserted[0].map((r) => [r.key, r.topic, r.status, r.type, r.version])).toEqual([
      ['g1', 'test.gadgets.v1', 'pending', 'test.gadget.made', 1],
      ['g2', 'test.gadgets.v1', 'pending', 'test.gadget.made', 1],
    ]);
    expect(JSON.parse(inserted[0][0].envelope ?? '{}')).toEqual(envelopes[0]);
    expect(inserted[0][0].id).toBe(envelopes[0].id);
  });

  it('takes correlation, causation and actor from the request context', async () => {
    const { manager } = fakeManager();
    const actor = { kind: 'user' as const, id: 'u-9' };
    const [envelope] = await runWithContext({ requestId: 'r', correlationId: 'corr', causationId: 'cause', actor }, () =>
      outbox.record(manager, [gadget('g')]),
    );
    expect(envelope).toMatchObject({ source: 'gadgets', correlationId: 'corr', causationId: 'cause', actor });
  });

  it('falls back to the service as actor and a fresh correlation id', async () => {
    const { manager } = fakeManager();
    const [a] = await outbox.record(manager, [gadget('a')]);
    const [b] = await outbox.record(manager, [gadget('b')]);
    expect(a.actor).toEqual({ kind: 'service', id: 'gadgets' });
    expect(a.causationId).toBeNull();
    expect(a.correlationId).not.toBe(b.correlationId);
  });

  it('refuses unregistered types and invalid payloads before inserting anything', async () => {
    const { manager, inserted } = fakeManager();
    await expect(outbox.record(manager, [{ ...gadget('x'), type: 'test.gadget.unknown' }])).rejects.toThrow(/no registered contract/);
    await expect(outbox.record(manager, [gadget('ok'), { ...gadget('bad'), payload: { gadgetId: 'bad', madeOn: 'soon' } }])).rejects.toBeInstanceOf(
      PayloadValidationError,
    );
    expect(inserted).toEqual([]);
  });

  it('validates and publishes the JSON form of the payload, as consumers will see it', async () => {
    const { manager } = fakeManager();
    const payload = { gadgetId: 'd', madeOn: new Date('2024-01-02T03:04:05.000Z'), note: undefined } as unknown as GadgetMade;
    const [envelope] = await outbox.record(manager, [{ ...gadget('d'), payload }]);
    expect(envelope.payload).toEqual({ gadgetId: 'd', madeOn: '2024-01-02T03:04:05.000Z' });
    expect('note' in envelope.payload).toBe(false);
  });
});

describe('RecordingScope', () => {
  it('records by contract or as plain events, and writes them on flush', async () => {
    const { manager, inserted } = fakeManager();
    const scope = new RecordingScope(manager, new Outbox({ service: 'gadgets' }));
    scope.record(GadgetMadeEvent, { key: 'g1', cityId: null, payload: { gadgetId: 'g1', madeOn: '2024-01-02' } });
    scope.record(gadget('g2'), gadget('g3'));
    const envelopes = await scope.flush();
    expect(envelopes.map((e) => [e.type, e.version, e.key])).toEqual([
      ['test.gadget.made', 1, 'g1'],
      ['test.gadget.made', 1, 'g2'],
      ['test.gadget.made', 1, 'g3'],
    ]);
    expect(inserted).toHaveLength(1);
  });

  it('refuses records after the transaction ended, or without an outbox', async () => {
    const { manager } = fakeManager();
    const scope = new RecordingScope(manager, new Outbox({ service: 'gadgets' }));
    await scope.flush();
    expect(() => scope.record(gadget('late'))).toThrow(/after the transaction ended/);
    expect(() => new RecordingScope(manager, undefined).record(gadget('x'))).toThrow(/no outbox/);
  });

  it('writes nothing when nothing was recorded', async () => {
    const { manager, inserted } = fakeManager();
    expect(await new RecordingScope(manager, new Outbox({ service: 'gadgets' })).flush()).toEqual([]);
    expect(inserted).toEqual([]);
  });
});
