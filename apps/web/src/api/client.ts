import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { currentToken, signOut } from '../auth/session';

/** The typed client of the API, generated from its own OpenAPI document (npm run api-client). */
export const api = createClient<paths>({ baseUrl: '' });

const bearer: Middleware = {
  onRequest({ request }) {
    const token = currentToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ response }) {
    // An expired or revoked token: back to the sign-in page (what was typed is lost only then).
    if (response.status === 401 && currentToken()) signOut('expired');
    return response;
  },
};
api.use(bearer);

/** An RFC 9457 problem as the API answers it. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: Array<{ field: string; message: string }>;
  [extension: string]: unknown;
}

/** What a call failed with: a problem from the API, or no connection at all. */
export class ApiFailure extends Error {
  constructor(
    readonly problem: Problem | null,
    readonly offline = false,
  ) {
    super(problem?.detail ?? (offline ? 'offline' : 'error'));
  }
  get status(): number {
    return this.problem?.status ?? 0;
  }
}

/**
 * Awaits an openapi-fetch call and returns its data, or throws an ApiFailure: a problem+json
 * answer keeps its fields, a lost connection becomes `offline`.
 */
export async function call<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await request;
  } catch (error) {
    if (error instanceof ApiFailure) throw error;
    throw new ApiFailure(null, true);
  }
  if (!result.response.ok) {
    const body = result.error;
    const problem: Problem =
      typeof body === 'object' && body !== null && 'status' in body ? (body as Problem) : { status: result.response.status, detail: typeof body === 'string' ? body : undefined };
    throw new ApiFailure(problem);
  }
  return result.data as T;
}

/** A GET of a route the generated client does not know yet (one another change is adding). */
export async function getUntyped<T>(path: string): Promise<T> {
  let res: Response;
  try {
    const token = currentToken();
    res = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  } catch {
    throw new ApiFailure(null, true);
  }
  const body = await res.json().catch(() => undefined);
  if (!res.ok) throw new ApiFailure(typeof body === 'object' && body ? (body as Problem) : { status: res.status });
  return body as T;
}
