import 'reflect-metadata';
import { defineEvent } from '@crosswalk/contracts';
import { IsInt, IsString, Min } from 'class-validator';
import { parseEventRecord } from './event-parsing';

class WidgetCountedV1 {
  @IsString() widgetId!: string;
  @IsInt() @Min(1) by!: number;
}
class WidgetCountedV2 {
  @IsString() widgetId!: string;
  @IsInt() @Min(1) amount!: number;
}
defineEvent<WidgetCountedV1>({
  type: 'test.widget.counted',
  version: 1,
  topic: 'test.widgets.v1',
  payload: WidgetCountedV1,
  description: 'v1',
  upcast: (p) => ({ widgetId: p.widgetId, amount: p.by }),
});
defineEvent<WidgetCountedV2>({ type: 'test.widget.counted', version: 2, topic: 'test.widgets.v1', payload: WidgetCountedV2, description: 'v2' });
class BrokenUpcastV1 {
  @IsString() id!: string;
}
defineEvent<BrokenUpcastV1>({
  type: 'test.broken.upcast',
  version: 1,
  topic: 'test.widgets.v1',
  payload: BrokenUpcastV1,
  description: 'upcaster throws',
  upcast: () => {
    throw new Error('cannot');
  },
});
defineEvent<BrokenUpcastV1>({ type: 'test.broken.upcast', version: 2, topic: 'test.widgets.v1', payload: BrokenUpcastV1, description: 'v2' });

const envelope = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: '7d3c1d8e-2a47-4d0e-9a53-5d8f6d0b9a11',
  type: 'test.widget.counted',
  version: 2,
  source: 'tests',
  occurredAt: '2024-05-01T10:00:00.000Z',
  cityId: 'city-1',
  key: 'widget-1',
  correlationId: 'corr-1',
  causationId: null,
  actor: { kind: 'user', id: 'u-1' },
  payload: { widgetId: 'widget-1', amount: 3 },
  ...overrides,
});
const bytes = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));

describe('parseEventRecord', () => {
  it('accepts a valid latest-version event', async () => {
    const result = await parseEventRecord(bytes(envelope()));
    expect(result.kind).toBe('event');
    if (result.kind !== 'event') return;
    expect(result.envelope).toMatchObject({ id: envelope().id, version: 2, payload: { widgetId: 'widget-1', amount: 3 } });
    expect(result.envelope.payload).toBeInstanceOf(WidgetCountedV2);
    expect(result.publishedVersion).toBe(2);
  });

  it('upcasts an older version and validates it as the latest', async () => {
    const result = await parseEventRecord(bytes(envelope({ version: 1, payload: { widgetId: 'w', by: 2 } })));
    expect(result).toMatchObject({ kind: 'event', publishedVersion: 1, envelope: { version: 2, payload: { widgetId: 'w', amount: 2 } } });
  });

  it.each([
    ['no value', null],
    ['an empty value', Buffer.alloc(0)],
    ['invalid UTF-8', Buffer.from([0xc3, 0x28])],
    ['not JSON', Buffer.from('{"id":')],
    ['a JSON array', bytes([1, 2])],
    ['a JSON string', bytes('hello')],
    ['an envelope without id', bytes(envelope({ id: undefined }))],
    ['an envelope with a non-date occurredAt', bytes(envelope({ occurredAt: 'yesterday' }))],
    ['an envelope without actor', bytes(envelope({ actor: undefined }))],
    ['an envelope with a bad actor', bytes(envelope({ actor: { kind: 'user' } }))],
    ['an envelope with a string version', bytes(envelope({ version: '2' }))],
  ])('rejects %s as malformed', async (_label, value) => {
    expect(await parseEventRecord(value)).toMatchObject({ kind: 'rejected', reason: 'malformed' });
  });

  it('rejects an unknown type or version', async () => {
    expect(await parseEventRecord(bytes(envelope({ type: 'test.nobody.knows' })))).toMatchObject({
      kind: 'rejected',
      reason: 'unknown-type',
      type: 'test.nobody.knows',
    });
    expect(await parseEventRecord(bytes(envelope({ version: 9 })))).toMatchObject({ kind: 'rejected', reason: 'unknown-type', version: 9 });
  });

  it('rejects a payload that breaks its contract, naming the field', async () => {
    const result = await parseEventRecord(bytes(envelope({ payload: { widgetId: 'w', amount: 0 } })));
    expect(result).toMatchObject({ kind: 'rejected', reason: 'invalid-payload', eventId: envelope().id });
    expect(result.kind === 'rejected' && result.error).toMatch(/amount/);
  });

  it('rejects unexpected payload fields (contracts are closed)', async () => {
    const result = await parseEventRecord(bytes(envelope({ payload: { widgetId: 'w', amount: 1, extra: true } })));
    expect(result).toMatchObject({ kind: 'rejected', reason: 'invalid-payload' });
  });

  it('reports an older version invalid for its own contract before upcasting', async () => {
    const result = await parseEventRecord(bytes(envelope({ version: 1, payload: { widgetId: 'w', amount: 2 } })));
    expect(result).toMatchObject({ kind: 'rejected', reason: 'invalid-payload' });
    expect(result.kind === 'rejected' && result.error).toMatch(/v1/);
  });

  it('treats an upcaster that throws as an invalid payload', async () => {
    const result = await parseEventRecord(bytes(envelope({ type: 'test.broken.upcast', version: 1, payload: { id: 'x' } })));
    expect(result).toMatchObject({ kind: 'rejected', reason: 'invalid-payload' });
    expect(result.kind === 'rejected' && result.error).toMatch(/upcast failed/);
  });

  it('tolerates unknown envelope fields (forward compatibility)', async () => {
    expect((await parseEventRecord(bytes(envelope({ traceparent: '00-abc' })))).kind).toBe('event');
  });
});
