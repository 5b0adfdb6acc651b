import { currentContext } from '@crosswalk/observability';
import type { BeforeQueryEvent, DataSource, EntitySubscriberInterface } from 'typeorm';

/**
 * Records the SQL statements a service's data source sends while serving each HTTP request, keyed by the
 * request's id (send your own `x-request-id`). Statements sent outside a request, such as the outbox relay's
 * polling, are not counted, so a test can measure exactly what one answer costs.
 */
export class RequestQueryLog implements EntitySubscriberInterface {
  private readonly byRequest = new Map<string, string[]>();

  /** Subscribes to every statement `dataSource` sends from now on. */
  static attach(dataSource: DataSource): RequestQueryLog {
    const log = new RequestQueryLog();
    dataSource.subscribers.push(log);
    return log;
  }

  beforeQuery(event: BeforeQueryEvent): void {
    const requestId = currentContext()?.requestId;
    if (requestId === undefined) return;
    const queries = this.byRequest.get(requestId) ?? [];
    queries.push(event.query);
    this.byRequest.set(requestId, queries);
  }

  /** The statements sent while serving the request with this id, in order. */
  queriesOf(requestId: string): readonly string[] {
    return this.byRequest.get(requestId) ?? [];
  }
}
