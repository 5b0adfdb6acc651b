import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { assertCityAccess, type Principal, visibleCities } from '@crosswalk/auth';
import { UnitOfWork } from '@crosswalk/messaging';
import { forUpdate, newId } from '@crosswalk/persistence';
import { Clock, PLATFORM_CONFIG, type Page, type TakeResult, TokenBuckets, fetchPage } from '@crosswalk/platform';
import { Problem } from '@crosswalk/problems';
import { DirectoryCopy } from '@crosswalk/directory-copy';
import type { EventsConfig } from '../events.config';
import { invalidFields } from '../problem-answers';
import { problem } from '../problems';
import {
  SECRET_BYTES,
  type SubscriptionTarget,
  coversScope,
  isWellFormedSecret,
  secretHash,
  subscriptionScope,
  subscriptionTargetProblems,
} from './calendar-feed.rules';
import { CalendarSubscription, CalendarSubscriptionCity } from './calendar-subscription.entity';
import { CalendarsService } from './calendars.service';
import type { CreatedSubscriptionResponse, SubscriptionQuery, SubscriptionResponse } from './dto/calendar.dto';

/** Where subscription URLs are served, below the public base URL. */
export const SUBSCRIPTION_PATH = '/v1/calendars/subscriptions';

/**
 * Secret subscription URLs: made, listed and revoked by operators with a token, read by calendar apps with
 * the secret alone. A subscription never shows more than its creator could read (`subscriptionScope`), and
 * an operator sees and revokes only subscriptions whose cities are all theirs.
 */
@Injectable()
export class CalendarSubscriptionsService {
  private readonly logger = new Logger('CalendarSubscriptions');
  /** Per secret (by its hash) and per instance, like the gateway's per-client limit. */
  private readonly fetches: TokenBuckets;

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly dataSource: DataSource,
    private readonly directory: DirectoryCopy,
    private readonly calendars: CalendarsService,
    private readonly clock: Clock,
    @Inject(PLATFORM_CONFIG) config: EventsConfig,
  ) {
    this.fetches = new TokenBuckets({ perMinute: config.EVENTS_CALENDAR_FEED_PER_MINUTE, capacity: config.EVENTS_CALENDAR_FEED_BURST });
  }

  /** A new secret URL for a city's or a person's feed; `baseUrl` is where the caller reached the API. */
  async create(request: SubscriptionTarget, principal: Principal, baseUrl: string): Promise<CreatedSubscriptionResponse> {
    const targetProblems = subscriptionTargetProblems(request);
    if (targetProblems.length) throw invalidFields(targetProblems);
    const { cityId, personId } = request;
    if (cityId !== undefined) assertCityAccess(principal, cityId);

    const secret = randomBytes(SECRET_BYTES).toString('base64url');
    const subscription: CalendarSubscription = {
      id: newId(),
      feed: cityId !== undefined ? 'city' : 'person',
      cityId: cityId ?? null,
      personId: personId ?? null,
      secretHash: secretHash(secret),
      createdBy: principal.subject,
      createdAt: this.clock.now(),
      revokedBy: null,
      revokedAt: null,
    };
    const cities = subscriptionScope(request, visibleCities(principal));
    await this.unitOfWork.run(async (tx) => {
      if (cityId !== undefined && !(await this.directory.city(tx.manager, cityId))) {
        throw invalidFields([problem('cityId', 'unknown_city', `City ${cityId} not found`)]);
      }
      if (personId !== undefined && !(await this.directory.person(tx.manager, personId))) {
        throw invalidFields([problem('personId', 'unknown_person', `Person ${personId} not found`)]);
      }
      await tx.manager.insert(CalendarSubscription, subscription);
      if (cities?.length)
        await tx.manager.insert(
          CalendarSubscriptionCity,
          cities.map((city) => ({ subscriptionId: subscription.id, cityId: city })),
        );
    });
    this.logger.log({ msg: 'calendar subscription created', subscriptionId: subscription.id, feed: subscription.feed, createdBy: principal.subject });
    return { ...view(subscription, cities), url: `${baseUrl}${SUBSCRIPTION_PATH}/${secret}.ics` };
  }

  /** The subscriptions the caller may see, revoked ones included (with who revoked them and when). */
  async list(query: SubscriptionQuery, principal: Principal): Promise<Page<SubscriptionResponse>> {
    if (query.cityId) assertCityAccess(principal, query.cityId);
    const select = this.dataSource.manager.createQueryBuilder(CalendarSubscription, 'subscription');
    if (query.cityId) select.andWhere('subscription.cityId = :cityId', { cityId: query.cityId });
    if (query.personId) select.andWhere('subscription.personId = :personId', { personId: query.personId });
    const callerCities = visibleCities(principal);
    if (callerCities) {
      // coversScope in SQL: the subscription shows some cities, and none outside the caller's.
      select
        .andWhere('EXISTS (SELECT 1 FROM event_calendar_subscription_city c WHERE c.subscriptionId = subscription.id)')
        .andWhere(
          'NOT EXISTS (SELECT 1 FROM event_calendar_subscription_city o WHERE o.subscriptionId = subscription.id AND o.cityId NOT IN (:...callerCities))',
          {
            callerCities,
          },
        );
    }
    const page = await fetchPage(select, query, (s) => s);
    const scopes = await this.scopes(this.dataSource.manager, page.items);
    return { items: page.items.map((s) => view(s, scopes.get(s.id) ?? null)), nextCursor: page.nextCursor };
  }

  /** Revokes the subscription: its URL answers 404 from now on. Revoking a revoked one changes nothing. */
  async revoke(id: string, principal: Principal): Promise<SubscriptionResponse> {
    return this.unitOfWork.run(async (tx) => {
      const subscription = await forUpdate(
        tx.manager,
        tx.manager.createQueryBuilder(CalendarSubscription, 'subscription').where('subscription.id = :id', { id }),
      ).getOne();
      const cities = subscription ? ((await this.scopes(tx.manager, [subscription])).get(subscription.id) ?? null) : null;
      if (!subscription || !coversScope(visibleCities(principal), cities)) throw Problem.notFound(`Calendar subscription ${id}`);
      if (!subscription.revokedAt) {
        Object.assign(subscription, { revokedAt: this.clock.now(), revokedBy: principal.subject });
        await tx.manager.update(CalendarSubscription, { id }, { revokedAt: subscription.revokedAt, revokedBy: subscription.revokedBy });
        this.logger.log({ msg: 'calendar subscription revoked', subscriptionId: id, revokedBy: principal.subject });
      }
      return view(subscription, cities);
    });
  }

  /** Takes one fetch from the secret's allowance; the answer says when to come back once it is used up. */
  takeFetch(secret: string): TakeResult {
    return this.fetches.take(secretHash(secret));
  }

  /** The feed a live secret serves; an unknown or revoked secret answers 404, the same for both. */
  async feed(secret: string): Promise<string> {
    const manager = this.dataSource.manager;
    const subscription = isWellFormedSecret(secret) ? await manager.findOneBy(CalendarSubscription, { secretHash: secretHash(secret) }) : null;
    if (!subscription || subscription.revokedAt) throw Problem.notFound('Calendar subscription');
    if (subscription.feed === 'city' && subscription.cityId) return this.calendars.cityFeed(subscription.cityId);
    if (subscription.feed === 'person' && subscription.personId) {
      const cities = (await this.scopes(manager, [subscription])).get(subscription.id) ?? null;
      return this.calendars.personFeed(subscription.personId, cities ?? undefined);
    }
    throw new Error(`Calendar subscription ${subscription.id} names no ${subscription.feed}`);
  }

  /** Each subscription's cities (null: every city), in one query. */
  private async scopes(manager: EntityManager, subscriptions: readonly CalendarSubscription[]): Promise<Map<string, string[]>> {
    const ids = subscriptions.map((s) => s.id);
    const rows = ids.length ? await manager.find(CalendarSubscriptionCity, { where: { subscriptionId: In(ids) }, order: { cityId: 'ASC' } }) : [];
    const scopes = new Map<string, string[]>();
    for (const row of rows) scopes.set(row.subscriptionId, [...(scopes.get(row.subscriptionId) ?? []), row.cityId]);
    return scopes;
  }
}

function view(subscription: CalendarSubscription, cities: string[] | null): SubscriptionResponse {
  return {
    id: subscription.id,
    feed: subscription.feed,
    cityId: subscription.cityId,
    personId: subscription.personId,
    cities,
    createdBy: subscription.createdBy,
    createdAt: new Date(subscription.createdAt).toISOString(),
    revokedBy: subscription.revokedBy,
    revokedAt: subscription.revokedAt ? new Date(subscription.revokedAt).toISOString() : null,
  };
}
