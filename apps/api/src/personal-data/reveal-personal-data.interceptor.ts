import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { PERSONAL_DATA_CIPHER, PersonalDataCipher } from '@ledger/personal-data';
import { Observable, mergeMap } from 'rxjs';

/**
 * Personal fields travel through the ledger sealed (events, read models, queues) and are opened
 * here, on the way out of every JSON answer: each envelope becomes its plaintext, or null once
 * the person's key is destroyed (erasure, retention). A handler never has to know which fields
 * are personal. Answers that are already bytes or streams (payroll lines, exports) hold no
 * personal fields and pass through untouched.
 */
@Injectable()
export class RevealPersonalDataInterceptor implements NestInterceptor {
  constructor(@Inject(PERSONAL_DATA_CIPHER) private readonly cipher: PersonalDataCipher) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(mergeMap((body: unknown) => (isPlainJson(body) ? this.cipher.reveal(body) : Promise.resolve(body))));
  }
}

function isPlainJson(body: unknown): boolean {
  if (body === null || typeof body !== 'object') return false;
  if (Buffer.isBuffer(body) || body instanceof Uint8Array) return false;
  return typeof (body as { pipe?: unknown }).pipe !== 'function';
}
