import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { toProblem } from './problem';

/**
 * The API client, typed from the gateway's combined OpenAPI document (src/api/schema.d.ts, generated from the
 * committed src/api/openapi.json by scripts/generate-api.js): a route that changes shape breaks the console's
 * type check, not a screen.
 */
let currentToken: string | undefined;
let onUnauthorized: () => void = () => undefined;

export function setApiToken(token: string | undefined, whenRefused: () => void): void {
  currentToken = token;
  onUnauthorized = whenRefused;
}

const auth: Middleware = {
  onRequest({ request }) {
    if (currentToken) request.headers.set('Authorization', `Bearer ${currentToken}`);
    return request;
  },
  onResponse({ response }) {
    // An expired or revoked token: back to sign-in rather than a screen of errors.
    if (response.status === 401) onUnauthorized();
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: typeof window === 'undefined' ? 'http://localhost' : window.location.origin });
api.use(auth);

/** The data of a successful call, or the API's problem document thrown as an ApiProblem. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok || data === undefined) throw toProblem(response, error);
  return data;
}
