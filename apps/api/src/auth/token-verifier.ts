import { Inject, Injectable, Logger } from '@nestjs/common';
import { LEDGER_CONFIG, LedgerConfig } from '@ledger/config';
import { Actor, ROLES, Role } from '@ledger/domain';
import { JWTVerifyGetKey, JWTVerifyOptions, createRemoteJWKSet, jwtVerify } from 'jose';
import { KeyObject, createSecretKey } from 'node:crypto';

export class InvalidTokenError extends Error {}

/** The least AUTH_JWT_SECRET accepted: HS256 needs a key as long as its hash (RFC 7518 §3.2). */
export const MIN_SECRET_BYTES = 32;

/** The token check's failure in the service's own words (never the JWT library's text). */
function ownWords(error: unknown): string {
  const e = error as { code?: string; claim?: string; reason?: string };
  switch (e?.code) {
    case 'ERR_JWT_EXPIRED':
      return 'the token has expired';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (e.claim === 'exp') return 'the token has no expiry (exp); tokens without one are refused';
      if (e.claim === 'iss') return 'the token was issued by another issuer than this service accepts';
      if (e.claim === 'aud') return 'the token is meant for another audience than this service';
      if (e.claim === 'nbf') return 'the token is not valid yet';
      return 'a claim of the token is not acceptable';
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return 'the token is signed with an algorithm this service does not accept';
    default:
      return 'the token is not valid (its signature, format or key does not check out)';
  }
}

/**
 * Verifies bearer tokens: HS256 with AUTH_JWT_SECRET, or an OIDC provider's keys from
 * AUTH_JWKS_URL. Claims: `sub` (the employee id for employees and managers) and `roles`.
 */
@Injectable()
export class TokenVerifier {
  /** A KeyObject made once: given raw bytes, jose makes one on every verification. */
  private readonly secret: KeyObject | undefined;
  private readonly jwks: JWTVerifyGetKey | undefined;

  private readonly options: JWTVerifyOptions;

  constructor(@Inject(LEDGER_CONFIG) config: LedgerConfig) {
    if (config.authJwtSecret !== undefined && Buffer.byteLength(config.authJwtSecret, 'utf8') < MIN_SECRET_BYTES) {
      throw new Error(
        `AUTH_JWT_SECRET is ${Buffer.byteLength(config.authJwtSecret, 'utf8')} bytes; HS256 needs at least ${MIN_SECRET_BYTES} (generate one with: openssl rand -base64 32)`,
      );
    }
    this.secret = config.authJwtSecret ? createSecretKey(Buffer.from(config.authJwtSecret, 'utf8')) : undefined;
    this.options = {
      algorithms: this.secret ? ['HS256'] : ['RS256', 'ES256'],
      requiredClaims: ['exp', 'sub'],
      ...(config.authIssuer ? { issuer: config.authIssuer } : {}),
      ...(config.authAudience ? { audience: config.authAudience } : {}),
    };
    if (!this.secret && config.authJwksUrl && (!config.authIssuer || !config.authAudience)) {
      new Logger('Auth').warn('AUTH_JWKS_URL is set without AUTH_ISSUER and AUTH_AUDIENCE: tokens of any issuer and audience signed by those keys are accepted');
    }
    this.jwks = config.authJwksUrl ? createRemoteJWKSet(new URL(config.authJwksUrl)) : undefined;
    if (!this.secret && !this.jwks) {
      throw new Error('set AUTH_JWT_SECRET (HS256) or AUTH_JWKS_URL (OIDC) so tokens can be verified');
    }
  }

  async verify(token: string): Promise<Actor> {
    let payload;
    try {
      payload = this.secret
        ? (await jwtVerify(token, this.secret, this.options)).payload
        : (await jwtVerify(token, this.jwks!, this.options)).payload;
    } catch (error) {
      throw new InvalidTokenError(ownWords(error));
    }
    const { sub, roles } = payload as { sub?: unknown; roles?: unknown };
    if (typeof sub !== 'string' || sub.length === 0 || sub.length > 128) throw new InvalidTokenError('token has no valid sub');
    if (!Array.isArray(roles) || roles.some((r) => !ROLES.includes(r as Role))) {
      throw new InvalidTokenError(`token roles must be an array of ${ROLES.join(', ')}`);
    }
    return { sub, roles: roles as Role[] };
  }
}
