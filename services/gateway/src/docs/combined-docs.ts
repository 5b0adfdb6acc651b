import { Inject, Injectable, Logger } from '@nestjs/common';
import { PLATFORM_CONFIG } from '@crosswalk/platform';
import { type GatewayConfig } from '../gateway.config';
import { UPSTREAM_NAMES, type UpstreamName } from '../routing/route-table';
import { UPSTREAM_URLS, type UpstreamUrls, fetchFailure, upstreamUrl } from '../upstreams/upstreams';
import { type JsonObject, type ServiceDocument, isJsonObject, mergeOpenApi } from './openapi-merge';

const FETCH_TIMEOUT_MS = 3_000;
// An incomplete document is kept only briefly, so a service that comes back shows up again soon.
const INCOMPLETE_CACHE_MS = 2_000;

type Fetched = { service: UpstreamName; document: JsonObject } | { service: UpstreamName; problem: string };

/** The API's OpenAPI document, combined from every service's /docs/json and reused for a short while. */
@Injectable()
export class CombinedDocs {
  private readonly logger = new Logger('Docs');
  private readonly cacheMs: number;
  private cached?: { document: JsonObject; expiresAt: number };
  // Concurrent requests during a rebuild share it instead of each asking five services.
  private building?: Promise<JsonObject>;

  constructor(
    @Inject(UPSTREAM_URLS) private readonly urls: UpstreamUrls,
    @Inject(PLATFORM_CONFIG) config: GatewayConfig,
  ) {
    this.cacheMs = config.DOCS_CACHE_SECONDS * 1000;
  }

  document(): Promise<JsonObject> {
    if (this.cached && this.cached.expiresAt > Date.now()) return Promise.resolve(this.cached.document);
    this.building ??= this.build().finally(() => {
      this.building = undefined;
    });
    return this.building;
  }

  private async build(): Promise<JsonObject> {
    const fetched = await Promise.all(UPSTREAM_NAMES.map((service) => this.fetchDocument(service)));
    const documents: ServiceDocument[] = [];
    const unavailable: UpstreamName[] = [];
    for (const result of fetched) {
      if ('document' in result) {
        documents.push(result);
      } else {
        unavailable.push(result.service);
        this.logger.warn({ msg: `OpenAPI document of ${result.service} unavailable: ${result.problem}`, upstream: result.service });
      }
    }
    const document = mergeOpenApi({ documents, unavailable });
    const ttl = unavailable.length ? Math.min(this.cacheMs, INCOMPLETE_CACHE_MS) : this.cacheMs;
    this.cached = { document, expiresAt: Date.now() + ttl };
    return document;
  }

  private async fetchDocument(service: UpstreamName): Promise<Fetched> {
    try {
      const response = await fetch(upstreamUrl(this.urls[service], '/docs/json'), {
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
        headers: { accept: 'application/json' },
      });
      if (!response.ok) {
        await response.arrayBuffer().catch(() => undefined);
        return { service, problem: `HTTP ${response.status}` };
      }
      const body: unknown = await response.json();
      if (!isJsonObject(body) || !isJsonObject(body.paths)) return { service, problem: 'not an OpenAPI document' };
      return { service, document: body };
    } catch (error) {
      return { service, problem: fetchFailure(error) };
    }
  }
}
