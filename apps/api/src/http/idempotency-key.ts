import { BadRequestException, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { InvalidInputException } from './problem-details';

const KEY_RE = /^[A-Za-z0-9._:-]{1,128}$/;

/** The optional Idempotency-Key header: 1–128 characters of [A-Za-z0-9._:-]. */
export const IdempotencyKey = createParamDecorator((_: unknown, ctx: ExecutionContext): string | undefined => {
  const value = ctx.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>().headers['idempotency-key'];
  if (value === undefined) return undefined;
  if (Array.isArray(value)) throw new BadRequestException('send one Idempotency-Key header');
  if (!KEY_RE.test(value)) {
    throw new InvalidInputException([{ field: 'Idempotency-Key', message: 'must be 1–128 characters of A–Z, a–z, 0–9, . _ : -' }]);
  }
  return value;
});
