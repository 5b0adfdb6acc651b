import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, ValidateIf, validateSync } from 'class-validator';
import { type AuthSettings, ROLES, type Role } from '@crosswalk/auth';
import { parseDatabaseUrl } from '@crosswalk/persistence';

const FETCH_WAIT_RULE = 'KAFKA_FETCH_MAX_WAIT_MS must be an integer from 1 to 30000 (milliseconds)';
const TOKEN_LIFETIME_RULE = 'JWT_MAX_TOKEN_LIFETIME_SECONDS must be an integer from 60 to 604800 (seconds)';
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const ROLE_MAP_PATTERN = new RegExp(`^[^,]+:(${ROLES.join('|')})(,[^,]+:(${ROLES.join('|')}))*$`);
const ROLE_MAP_RULE = `OIDC_ROLE_MAP must list provider-value:role pairs separated by commas (roles: ${ROLES.join(', ')})`;
const withOidc = (config: HttpServiceConfig) => Boolean(config.OIDC_JWKS_URL);

/**
 * Environment every HTTP process reads (the gateway needs no more). A wrong or missing variable stops
 * start-up with a message that names it; secrets are never echoed.
 */
export class HttpServiceConfig {
  /** Development and tests (HS256). Not needed, and not accepted as a token key, once OIDC_JWKS_URL is set. */
  @ValidateIf((config: HttpServiceConfig) => !withOidc(config))
  @IsString({ message: 'JWT_SECRET is required' })
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET!: string;

  /** Production: the OpenID Connect provider's key set. Setting it switches tokens to RS256/ES256 from the provider. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'OIDC_JWKS_URL must be an http(s) URL' })
  OIDC_JWKS_URL?: string;

  @ValidateIf(withOidc) @IsString({ message: 'OIDC_ISSUER is required with OIDC_JWKS_URL' }) OIDC_ISSUER?: string;
  @ValidateIf(withOidc) @IsString({ message: 'OIDC_AUDIENCE is required with OIDC_JWKS_URL' }) OIDC_AUDIENCE?: string;
  /** Claim with the provider's role or group names (a dotted path reaches into objects, e.g. realm_access.roles). */
  @IsString() OIDC_ROLE_CLAIM: string = 'groups';
  /** Claim with a city_operator's Crosswalk city ids. */
  @IsString() OIDC_CITIES_CLAIM: string = 'crosswalk_cities';

  /** Provider value -> Crosswalk role, e.g. `crosswalk-admins:network_admin,crosswalk-operators:city_operator`. */
  @ValidateIf(withOidc)
  @IsString({ message: 'OIDC_ROLE_MAP is required with OIDC_JWKS_URL' })
  @Matches(ROLE_MAP_PATTERN, { message: ROLE_MAP_RULE })
  OIDC_ROLE_MAP?: string;

  @IsString() JWT_ISSUER = 'crosswalk';
  @IsString() JWT_AUDIENCE = 'crosswalk-api';

  /** Longest token lifetime accepted (exp - iat, and exp - now); a token valid for longer is refused. */
  @IsInt({ message: TOKEN_LIFETIME_RULE })
  @Min(60, { message: TOKEN_LIFETIME_RULE })
  @Max(7 * 24 * 3600, { message: TOKEN_LIFETIME_RULE })
  JWT_MAX_TOKEN_LIFETIME_SECONDS: number = 12 * 3600;

  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL = 'info';

  /** On SIGTERM, how long requests in flight may take to finish after the server stops accepting. */
  @IsInt({ message: 'SHUTDOWN_DRAIN_MS must be an integer from 0 to 120000 (milliseconds)' })
  @Min(0, { message: 'SHUTDOWN_DRAIN_MS must be an integer from 0 to 120000 (milliseconds)' })
  @Max(120_000, { message: 'SHUTDOWN_DRAIN_MS must be an integer from 0 to 120000 (milliseconds)' })
  SHUTDOWN_DRAIN_MS: number = 10_000;

  /** Prometheus `/metrics` is served on this port only; default: the HTTP port + 10 (schools 3011, gateway 8090). */
  @IsOptional()
  @IsInt({ message: 'METRICS_PORT must be an integer' })
  @Min(0, { message: 'METRICS_PORT must be between 0 and 65535' })
  @Max(65535, { message: 'METRICS_PORT must be between 0 and 65535' })
  METRICS_PORT?: number;

  @IsOptional()
  @IsInt({ message: 'HTTP_PORT must be an integer' })
  @Min(0, { message: 'HTTP_PORT must be between 0 and 65535' })
  @Max(65535, { message: 'HTTP_PORT must be between 0 and 65535' })
  HTTP_PORT?: number;
}

/** What a service that owns data and speaks Kafka reads on top of the HTTP settings. */
export class PlatformConfig extends HttpServiceConfig {
  @IsOptional() @IsString() DATABASE_URL?: string;
  @IsOptional() @IsString() DATA_DIR?: string;

  @IsString({ message: 'KAFKA_BROKERS is required (comma-separated host:port list)' })
  @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, { message: 'KAFKA_BROKERS must be a comma-separated host:port list' })
  KAFKA_BROKERS!: string;

  @IsOptional() @IsString() KAFKA_CLIENT_ID?: string;

  /** How long a consumer's fetch waits for data; default 500 (`npm start` sets 20 for the dev cluster). */
  @IsOptional()
  @IsInt({ message: FETCH_WAIT_RULE })
  @Min(1, { message: FETCH_WAIT_RULE })
  @Max(30000, { message: FETCH_WAIT_RULE })
  KAFKA_FETCH_MAX_WAIT_MS?: number;
}

/** `a:network_admin,b:analyst` -> { a: 'network_admin', b: 'analyst' }; a value may itself contain colons. */
export function parseRoleMap(text: string): Record<string, Role> {
  const map: Record<string, Role> = {};
  for (const pair of text.split(',')) {
    const at = pair.lastIndexOf(':');
    map[pair.slice(0, at).trim()] = pair.slice(at + 1).trim() as Role;
  }
  return map;
}

/** How tokens are verified under this configuration: the OpenID Connect provider when its JWKS URL is set. */
export function authSettingsOf(config: HttpServiceConfig): AuthSettings {
  const settings: AuthSettings = {
    secret: config.JWT_SECRET ?? '',
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    maxLifetimeSeconds: config.JWT_MAX_TOKEN_LIFETIME_SECONDS,
  };
  if (!config.OIDC_JWKS_URL) return settings;
  return {
    ...settings,
    oidc: {
      jwksUrl: config.OIDC_JWKS_URL,
      issuer: config.OIDC_ISSUER ?? '',
      audience: config.OIDC_AUDIENCE ?? '',
      roleClaim: config.OIDC_ROLE_CLAIM,
      citiesClaim: config.OIDC_CITIES_CLAIM,
      roleMap: parseRoleMap(config.OIDC_ROLE_MAP ?? ''),
    },
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

type Env = Record<string, string | undefined>;
type ConfigClass<C> = new () => C;

/** Reads and validates `env` into `cls`; numbers are converted, unknown variables ignored. */
export function loadConfig<C extends object>(cls: ConfigClass<C>, env: Env = process.env): C {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const config = plainToInstance(cls, defined, { enableImplicitConversion: true, exposeDefaultValues: true });
  // One message per variable: "is required" when it is absent, else the first rule it breaks.
  const problems = validateSync(config).map((e) =>
    e.value === undefined ? `${e.property} is required` : (Object.values(e.constraints ?? {})[0] ?? `${e.property} is invalid`),
  );
  const databaseUrl = (config as Partial<PlatformConfig>).DATABASE_URL;
  if (databaseUrl) {
    try {
      parseDatabaseUrl(databaseUrl);
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return config;
}
