import { Inject, Injectable } from '@nestjs/common';
import { LEDGER_CONFIG, LedgerConfig } from '@ledger/config';
import { Actor, ROLES, Role } from '@ledger/domain';
import { JWTVerifyGetKey, createRemoteJWKSet, jwtVerify } from 'jose';
import { KeyObject, createSecretKey } from 'node:crypto';

export class InvalidTokenError extends Error {}

/**
 * Verifies bearer tokens: HS256 with AUTH_JWT_SECRET, or an OIDC provider's keys from
 * AUTH_JWKS_URL. Claims: `sub` (the employee id for employees and managers) and `roles`.
 */
@Injectable()
export class TokenVerifier {
  /** A KeyObject made once: given raw bytes, jose makes one on every verification. */
  private readonly secret: KeyObject | undefined;
  private readonly jwks: JWTVerifyGetKey | undefined;

  constructor(@Inject(LEDGER_CONFIG) config: LedgerConfig) {
    this.secret = config.authJwtSecret ? createSecretKey(Buffer.from(config.authJwtSecret, 'utf8')) : undefined;
    this.jwks = config.authJwksUrl ? createRemoteJWKSet(new URL(config.authJwksUrl)) : undefined;
    if (!this.secret && !this.jwks) {
      throw new Error('set AUTH_JWT_SECRET (HS256) or AUTH_JWKS_URL (OIDC) so tokens can be verified');
    }
  }

  async verify(token: string): Promise<Actor> {
    let payload;
    try {
      payload = this.secret
        ? (await jwtVerify(token, this.secret, { algorithms: ['HS256'] })).payload
        : (await jwtVerify(token, this.jwks!)).payload;
    } catch (error) {
      throw new InvalidTokenError(error instanceof Error ? error.message : 'invalid token');
    }
    const { sub, roles } = payload as { sub?: unknown; roles?: unknown };
    if (typeof sub !== 'string' || sub.length === 0 || sub.length > 128) throw new InvalidTokenError('token has no valid sub');
    if (!Array.isArray(roles) || roles.some((r) => !ROLES.includes(r as Role))) {
      throw new InvalidTokenError(`token roles must be an array of ${ROLES.join(', ')}`);
    }
    return { sub, roles: roles as Role[] };
  }
}
