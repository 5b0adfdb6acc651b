import { randomUUID } from 'node:crypto';
import { Type } from 'class-transformer';
import { IsISO8601, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Min, ValidateNested } from 'class-validator';

/** Who caused an event: the token subject of the request, or the service itself for automatic changes. */
export class Actor {
  @IsString() @IsNotEmpty() kind!: 'user' | 'service';
  @IsString() @IsNotEmpty() id!: string;
}

/**
 * The stable envelope every Crosswalk event travels in. The record key on Kafka is `key`
 * (the aggregate id) so one aggregate's events keep their order.
 */
export class EventEnvelope<P extends object = Record<string, unknown>> {
  @IsString() @IsNotEmpty() id!: string;
  @IsString() @IsNotEmpty() type!: string;
  @IsInt() @Min(1) version!: number;
  @IsString() @IsNotEmpty() source!: string;
  @IsISO8601() occurredAt!: string;
  @IsOptional() @IsString() cityId!: string | null;
  @IsString() @IsNotEmpty() key!: string;
  @IsString() @IsNotEmpty() correlationId!: string;
  @IsOptional() @IsString() causationId!: string | null;
  @ValidateNested() @Type(() => Actor) actor!: Actor;
  @IsObject() payload!: P;
}

export interface NewEvent<P extends object> {
  type: string;
  version: number;
  key: string;
  cityId: string | null;
  payload: P;
  occurredAt?: Date;
}

export interface EventContext {
  source: string;
  correlationId: string;
  causationId?: string | null;
  actor: Actor;
}

export function makeEnvelope<P extends object>(event: NewEvent<P>, ctx: EventContext): EventEnvelope<P> {
  return {
    id: randomUUID(),
    type: event.type,
    version: event.version,
    source: ctx.source,
    occurredAt: (event.occurredAt ?? new Date()).toISOString(),
    cityId: event.cityId,
    key: event.key,
    correlationId: ctx.correlationId,
    causationId: ctx.causationId ?? null,
    actor: ctx.actor,
    payload: event.payload,
  };
}
