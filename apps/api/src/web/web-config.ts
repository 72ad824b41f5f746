/**
 * What the web front end needs to know at start (GET /web-config.json): how people sign in.
 * Production: an OIDC provider (authorization code with PKCE) from OIDC_ISSUER and
 * OIDC_CLIENT_ID, optionally OIDC_SCOPE (default "openid profile") and OIDC_AUDIENCE (for
 * providers that issue access tokens per audience). The demo (npm start) adds its sign-in page.
 */
export interface WebConfig {
  demo: boolean;
  oidc: { issuer: string; clientId: string; scope: string; audience: string | null } | null;
}

export function webConfigFromEnv(env: NodeJS.ProcessEnv, demo: boolean): WebConfig {
  const issuer = env.OIDC_ISSUER?.trim();
  const clientId = env.OIDC_CLIENT_ID?.trim();
  if (issuer) {
    const url = new URL(issuer);
    if (url.protocol !== 'https:' && url.hostname !== 'localhost' && url.hostname !== '127.0.0.1') {
      throw new Error('OIDC_ISSUER must be an https URL');
    }
    if (!clientId) throw new Error('OIDC_CLIENT_ID must be set with OIDC_ISSUER');
  }
  return {
    demo,
    oidc: issuer && clientId ? { issuer, clientId, scope: env.OIDC_SCOPE?.trim() || 'openid profile', audience: env.OIDC_AUDIENCE?.trim() || null } : null,
  };
}
