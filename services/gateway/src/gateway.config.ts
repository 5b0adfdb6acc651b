import { IsInt, IsOptional, IsString, IsUrl, Max, Min } from 'class-validator';
import { HttpServiceConfig } from '@crosswalk/platform';

export const DEFAULT_GATEWAY_PORT = 8080;

// Cluster-internal names such as http://schools:3001 have no top-level domain.
const UPSTREAM_URL = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };
const urlMessage = (name: string) => ({ message: `${name} must be an http(s) URL such as http://127.0.0.1:3001` });

/**
 * The gateway's environment. Types are spelled out on every field: loadConfig converts strings by the
 * emitted design types, and an initialised field without an annotation would be emitted as Object.
 */
export class GatewayConfig extends HttpServiceConfig {
  /** The gateway's port; `npm start` and the deployment set GATEWAY_PORT, not HTTP_PORT. */
  @IsOptional()
  @IsInt({ message: 'GATEWAY_PORT must be an integer' })
  @Min(0, { message: 'GATEWAY_PORT must be between 0 and 65535' })
  @Max(65535, { message: 'GATEWAY_PORT must be between 0 and 65535' })
  GATEWAY_PORT?: number;

  @IsUrl(UPSTREAM_URL, urlMessage('SCHOOLS_URL')) SCHOOLS_URL: string = 'http://127.0.0.1:3001';
  @IsUrl(UPSTREAM_URL, urlMessage('EVENTS_URL')) EVENTS_URL: string = 'http://127.0.0.1:3002';
  @IsUrl(UPSTREAM_URL, urlMessage('FELLOWSHIPS_URL')) FELLOWSHIPS_URL: string = 'http://127.0.0.1:3003';
  @IsUrl(UPSTREAM_URL, urlMessage('COLOCATIONS_URL')) COLOCATIONS_URL: string = 'http://127.0.0.1:3004';
  @IsUrl(UPSTREAM_URL, urlMessage('METRICS_URL')) METRICS_URL: string = 'http://127.0.0.1:3005';

  /** Sustained requests per minute per client (token subject, else IP address). */
  @IsInt({ message: 'RATE_LIMIT_PER_MINUTE must be an integer' })
  @Min(1, { message: 'RATE_LIMIT_PER_MINUTE must be at least 1' })
  RATE_LIMIT_PER_MINUTE: number = 600;

  /** Requests a client may send at once after being idle; defaults to RATE_LIMIT_PER_MINUTE. */
  @IsOptional()
  @IsInt({ message: 'RATE_LIMIT_BURST must be an integer' })
  @Min(1, { message: 'RATE_LIMIT_BURST must be at least 1' })
  RATE_LIMIT_BURST?: number;

  /** Requests per minute per address on the public routes (mail links, no token), on top of the limit above. */
  @IsInt({ message: 'PUBLIC_RATE_LIMIT_PER_MINUTE must be an integer' })
  @Min(1, { message: 'PUBLIC_RATE_LIMIT_PER_MINUTE must be at least 1' })
  PUBLIC_RATE_LIMIT_PER_MINUTE: number = 30;

  /** An upstream silent for this long (no response headers, or a stalled body) is given up: 504. */
  @IsInt({ message: 'UPSTREAM_TIMEOUT_MS must be an integer' })
  @Min(1, { message: 'UPSTREAM_TIMEOUT_MS must be at least 1' })
  UPSTREAM_TIMEOUT_MS: number = 30_000;

  /** How long the combined OpenAPI document is reused before the services are asked again. */
  @IsInt({ message: 'DOCS_CACHE_SECONDS must be an integer' })
  @Min(0, { message: 'DOCS_CACHE_SECONDS must be 0 or more' })
  DOCS_CACHE_SECONDS: number = 15;

  /** The built operator console served at `/` (services/console, built by `npm run build`); relative to the working directory. */
  @IsString({ message: 'CONSOLE_DIR must be a folder path' })
  CONSOLE_DIR: string = 'dist/console';
}

/**
 * runService listens on HTTP_PORT ?? defaultPort, so the gateway's own variable becomes the default port.
 * A malformed value is refused by GatewayConfig validation before this number is used.
 */
export function gatewayPort(env: NodeJS.ProcessEnv = process.env): number {
  return env.GATEWAY_PORT ? Number(env.GATEWAY_PORT) : DEFAULT_GATEWAY_PORT;
}
