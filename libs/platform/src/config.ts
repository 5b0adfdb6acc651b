import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { parseDatabaseUrl } from '@crosswalk/persistence';

const FETCH_WAIT_RULE = 'KAFKA_FETCH_MAX_WAIT_MS must be an integer from 1 to 30000 (milliseconds)';
const TOKEN_LIFETIME_RULE = 'JWT_MAX_TOKEN_LIFETIME_SECONDS must be an integer from 60 to 604800 (seconds)';
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * Environment every HTTP process reads (the gateway needs no more). A wrong or missing variable stops
 * start-up with a message that names it; secrets are never echoed.
 */
export class HttpServiceConfig {
  @IsString({ message: 'JWT_SECRET is required' })
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET!: string;

  @IsString() JWT_ISSUER = 'crosswalk';
  @IsString() JWT_AUDIENCE = 'crosswalk-api';

  /** Longest token lifetime accepted (exp - iat, and exp - now); a token valid for longer is refused. */
  @IsInt({ message: TOKEN_LIFETIME_RULE })
  @Min(60, { message: TOKEN_LIFETIME_RULE })
  @Max(7 * 24 * 3600, { message: TOKEN_LIFETIME_RULE })
  JWT_MAX_TOKEN_LIFETIME_SECONDS: number = 12 * 3600;

  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL = 'info';

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
