import { Inject, Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { LEDGER_CONFIG, LedgerConfig } from '@ledger/config';
import { IsOptional, Matches } from 'class-validator';
import { ProjectionsService } from '@ledger/ledger';
import { ProjectionBehindException } from './problem-details';

export class MinPositionQueryDto {
  @ApiPropertyOptional({ description: 'Wait (up to 5 s) until the read model has passed this global position; 503 otherwise' })
  @IsOptional()
  @Matches(/^\d{1,30}$/, { message: 'minPosition must be a decimal position' })
  minPosition?: string;
}

/** Lets a client read its own writes: a query given minPosition waits for its projection. */
@Injectable()
export class ReadYourWrites {
  constructor(
    private readonly projections: ProjectionsService,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}

  async await(projection: string, minPosition: string | undefined): Promise<void> {
    if (minPosition === undefined) return;
    const ok = await this.projections.waitFor(projection, BigInt(minPosition), this.config.minPositionWaitSeconds * 1000);
    if (!ok) throw new ProjectionBehindException(projection);
  }
}
