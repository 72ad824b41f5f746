import * as oauth from 'oauth4webapi';
import { sessionFromToken, signIn } from './session';

/** The OIDC provider the API's environment names (OIDC_ISSUER, OIDC_CLIENT_ID, …). */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  scope: string;
  audience: string | null;
}

const PENDING = 'franvaroliggaren.oidc';
const redirectUri = () => `${location.origin}/logga-in/klar`;

async function authorizationServer(config: OidcConfig): Promise<oauth.AuthorizationServer> {
  const issuer = new URL(config.issuer);
  return oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer));
}

/** Authorization code flow with PKCE: off to the provider, with a fresh verifier and state. */
export async function startOidcSignIn(config: OidcConfig, returnTo: string): Promise<void> {
  const as = await authorizationServer(config);
  if (!as.authorization_endpoint) throw new Error('the provider has no authorization endpoint');
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  sessionStorage.setItem(PENDING, JSON.stringify({ codeVerifier, state, returnTo }));
  const url = new URL(as.authorization_endpoint);
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('redirect_uri', redirectUri());
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', config.scope);
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(codeVerifier));
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('state', state);
  if (config.audience) url.searchParams.set('audience', config.audience);
  location.assign(url.href);
}

/** Back from the provider: checks state, trades the code (with the verifier) for tokens. */
export async function completeOidcSignIn(config: OidcConfig): Promise<string> {
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as { codeVerifier: string; state: string; returnTo: string } | null;
  sessionStorage.removeItem(PENDING);
  if (!pending) throw new Error('no sign-in in progress');
  const as = await authorizationServer(config);
  const client: oauth.Client = { client_id: config.clientId };
  const params = oauth.validateAuthResponse(as, client, new URL(location.href), pending.state);
  const response = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, redirectUri(), pending.codeVerifier);
  const result = await oauth.processAuthorizationCodeResponse(as, client, response);
  const idClaims = oauth.getValidatedIdTokenClaims(result);
  const name = typeof idClaims?.name === 'string' ? idClaims.name : null;
  signIn(sessionFromToken(result.access_token, name));
  return pending.returnTo;
}
