/**
 * Who is signed in: the bearer token the API checks, and its `sub` and `roles` (read from the
 * token's payload for display and navigation only; the API verifies every call). Kept in
 * sessionStorage, so closing the tab signs out.
 */
export interface Session {
  token: string;
  sub: string;
  roles: string[];
  name: string | null;
  expiresAt: number | null;
}

const KEY = 'franvaroliggaren.session';
const listeners = new Set<() => void>();
let current: Session | null = load();

function load(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    const s = raw ? (JSON.parse(raw) as Session) : null;
    return s && (!s.expiresAt || s.expiresAt > Date.now()) ? s : null;
  } catch {
    return null;
  }
}

/** The claims of a JWT, unverified (the API verifies it). */
export function claimsOf(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (!part) return {};
  try {
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
    return JSON.parse(decodeURIComponent(escape(json))) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export function sessionFromToken(token: string, name: string | null = null): Session {
  const claims = claimsOf(token);
  const roles = Array.isArray(claims.roles) ? claims.roles.filter((r): r is string => typeof r === 'string') : [];
  return {
    token,
    sub: typeof claims.sub === 'string' ? claims.sub : '',
    roles,
    name: name ?? (typeof claims.name === 'string' ? claims.name : null),
    expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : null,
  };
}

export function signIn(session: Session): void {
  current = session;
  sessionStorage.setItem(KEY, JSON.stringify(session));
  listeners.forEach((l) => l());
}

export function signOut(reason?: 'expired'): void {
  current = null;
  sessionStorage.removeItem(KEY);
  listeners.forEach((l) => l());
  if (reason === 'expired') history.replaceState(null, '', '/logga-in?utloggad=1');
}

export function currentSession(): Session | null {
  return current;
}

export function currentToken(): string | null {
  return current?.token ?? null;
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
