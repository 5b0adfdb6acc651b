// Also a type test: `tsc -p tsconfig.json` checks this file, and each `@ts-expect-error` below fails it the
// day the mismatch it marks stops being a compile error.
import 'reflect-metadata';
import { type EventEnvelope, type EventOf, defineEvent } from '@crosswalk/contracts';
import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import { IsInt, IsString } from 'class-validator';
import type { EntityManager } from 'typeorm';
import { HandlesEvent, eventHandlersOf, handledEventOf } from './handles-event';
import type { InboxContext } from './inbox/handler';

class ParcelSentV1 {
  @IsString() parcelId!: string;
  @IsInt() weightKg!: number;
}
class ParcelSentV2 {
  @IsString() parcelId!: string;
  @IsInt() weightGrams!: number;
}
class InvoicePaidV1 {
  @IsString() invoiceId!: string;
}

const ParcelSentOld = defineEvent({
  type: 'test.parcel.sent',
  version: 1,
  topic: 'test.parcels.v1',
  payload: ParcelSentV1,
  description: 'a parcel left (old shape)',
  upcast: (p: ParcelSentV1): ParcelSentV2 => ({ parcelId: p.parcelId, weightGrams: p.weightKg * 1000 }),
});
const ParcelSent = defineEvent({ type: 'test.parcel.sent', version: 2, topic: 'test.parcels.v1', payload: ParcelSentV2, description: 'a parcel left' });
const InvoicePaid = defineEvent({
  type: 'test.invoice.paid',
  version: 1,
  topic: 'test.invoices.v1',
  payload: InvoicePaidV1,
  description: 'an invoice was paid',
});

class ParcelHandlers {
  readonly seen: string[] = [];

  @HandlesEvent(ParcelSent)
  async onSent(event: EventOf<typeof ParcelSent>, ctx: InboxContext): Promise<void> {
    this.seen.push(`${event.payload.parcelId}:${event.payload.weightGrams}g@${ctx.attempt}`);
  }

  @HandlesEvent(InvoicePaid)
  onPaid(event: EventOf<typeof InvoicePaid>): void {
    this.seen.push(event.payload.invoiceId);
  }
}

// Handlers that name one contract and declare another's envelope: the inbox would hand them the wrong shape.
class MistypedHandlers {
  // @ts-expect-error: an invoice handler declared on the parcel contract
  @HandlesEvent(ParcelSent)
  onSent(event: EventOf<typeof InvoicePaid>): string {
    return event.payload.invoiceId;
  }

  // @ts-expect-error: the payload typed by hand as the older version, which the inbox never delivers
  @HandlesEvent(ParcelSent)
  onSentOld(event: EventEnvelope<ParcelSentV1>): number {
    return event.payload.weightKg;
  }

  // @ts-expect-error: the second parameter is the inbox context, not something else
  @HandlesEvent(InvoicePaid)
  onPaid(_event: EventOf<typeof InvoicePaid>, ctx: { tenant: string }): string {
    return ctx.tenant;
  }
}

function context(attempt: number): InboxContext {
  return { manager: {} as EntityManager, record: () => undefined, consumer: 'test', topic: 'test.parcels.v1', partition: 0, offset: '0', attempt };
}

function envelope<P extends object>(type: string, version: number, payload: P): EventEnvelope<P> {
  return {
    id: 'e-1',
    type,
    version,
    source: 'tests',
    occurredAt: '2025-01-01T00:00:00.000Z',
    cityId: null,
    key: 'k',
    correlationId: 'c',
    causationId: null,
    actor: { kind: 'service', id: 'tests' },
    payload,
  };
}

describe('@HandlesEvent', () => {
  it('records the event type on the method, for Nest (its event pattern) and for replay', () => {
    expect(handledEventOf(ParcelHandlers.prototype.onSent)).toEqual({ type: 'test.parcel.sent', handler: 'ParcelHandlers.onSent' });
    expect(Reflect.getMetadata(PATTERN_METADATA, ParcelHandlers.prototype.onPaid)).toEqual(['test.invoice.paid']);
    // The mistyped class still decorates at run time: only the compiler can tell, which is the point of the test.
    expect(handledEventOf(MistypedHandlers.prototype.onSentOld)?.type).toBe('test.parcel.sent');
  });

  it('collects handlers by event type, bound to their object', async () => {
    const handlers = new ParcelHandlers();
    const byType = eventHandlersOf([handlers]);
    expect(Object.keys(byType).sort()).toEqual(['test.invoice.paid', 'test.parcel.sent']);
    await byType['test.parcel.sent'](envelope('test.parcel.sent', 2, { parcelId: 'p-1', weightGrams: 120 }), context(2));
    await byType['test.invoice.paid'](envelope('test.invoice.paid', 1, { invoiceId: 'i-1' }), context(1));
    expect(handlers.seen).toEqual(['p-1:120g@2', 'i-1']);
  });

  it('refuses two handlers of one event, naming the event and both handlers', () => {
    class MoreParcelHandlers {
      @HandlesEvent(ParcelSent)
      onSentToo(): void {}
    }
    expect(() => eventHandlersOf([new ParcelHandlers(), new MoreParcelHandlers()])).toThrow(
      'Two handlers of test.parcel.sent in one inbox consumer: ParcelHandlers.onSent and MoreParcelHandlers.onSentToo',
    );
  });

  it('refuses a contract that is not the newest version of its event', () => {
    const method = (): void => undefined;
    expect(() => HandlesEvent(ParcelSentOld)(ParcelHandlers.prototype, 'onOld', { value: method })).toThrow(
      '@HandlesEvent on ParcelHandlers.onOld: test.parcel.sent v1 is not the newest version; handle the newest one',
    );
  });
});
