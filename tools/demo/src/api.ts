// The demo's HTTP client: the gateway's public API with the loader's token, waiting out rate limits and the
// moments when one service has not yet learned over Kafka what another just recorded.
export interface Options {
  gateway: string;
  token: string;
  seed: number;
  /** The load day (UTC): the plan's recent history is placed relative to it. */
  today: string;
  /** The colocations service's grace period, which the plan's recommitments and lapses are placed around. */
  gracePeriodDays: number;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    what: string,
  ) {
    super(`${what}: HTTP ${status} ${body.slice(0, 400)}`);
  }
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function api<T>(options: Options, method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<T> {
  for (;;) {
    const response = await fetch(`${options.gateway}${path}`, {
      method,
      headers: { authorization: `Bearer ${options.token}`, ...(body !== undefined && { 'content-type': contentType }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    // The gateway's rate limit: wait as long as it asks, then go on.
    if (response.status === 429) {
      await pause(Number(response.headers.get('retry-after') ?? '1') * 1000);
      continue;
    }
    const text = await response.text();
    if (!response.ok) throw new ApiError(response.status, text, `${method} ${path}`);
    return (text ? JSON.parse(text) : {}) as T;
  }
}

/** Retries while the other service has not yet learned (over Kafka) what the request refers to. */
export async function eventually<T>(what: string, attempt: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ApiError) || ![400, 404, 409].includes(error.status)) throw error;
      if (Date.now() > deadline) throw new Error(`${what} still refused after ${timeoutMs} ms: ${error.message}`);
      await pause(250);
    }
  }
}
