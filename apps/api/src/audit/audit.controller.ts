import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ChainFailure, EVENT_STORE, EventStore, RecordedEvent, verifyChain } from '@ledger/event-store';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { Roles } from '../auth/roles.decorator';
import { ApiProblems } from '../http/openapi';
import { VerifyResultDto } from './audit-responses.dto';

export class VerifyQueryDto {
  @ApiPropertyOptional({ description: 'Verify one stream (e.g. absence-<uuid>); all streams when left out' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  streamId?: string;
}

export interface VerifyResult {
  streamsChecked: number;
  eventsChecked: number;
  ok: boolean;
  failures: ChainFailure[];
}

/** Recomputes the per-stream hash chains, straight from the event store. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit')
export class AuditController {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  @Get('verify')
  @Roles('auditor')
  @ApiOperation({ summary: 'Verify that nothing was altered: recompute every hash chain' })
  @ApiOkResponse({ type: VerifyResultDto })
  @ApiProblems(400, 403)
  async verify(@Query() query: VerifyQueryDto): Promise<VerifyResult> {
    if (query.streamId !== undefined) {
      const events = await this.events.readStream(query.streamId);
      const failures = verifyChain(events);
      return { streamsChecked: events.length > 0 ? 1 : 0, eventsChecked: events.length, ok: failures.length === 0, failures };
    }
    // One pass over the log: group by stream, verify each stream's chain in order.
    const byStream = new Map<string, RecordedEvent[]>();
    let after: bigint | undefined;
    let eventsChecked = 0;
    while (true) {
      const batch = await this.events.readAll({ after, maxCount: 5000 });
      if (batch.length === 0) break;
      for (const e of batch) {
        let list = byStream.get(e.streamId);
        if (!list) byStream.set(e.streamId, (list = []));
        list.push(e);
      }
      eventsChecked += batch.length;
      after = batch[batch.length - 1].position;
    }
    const failures: ChainFailure[] = [];
    for (const events of byStream.values()) failures.push(...verifyChain(events));
    return { streamsChecked: byStream.size, eventsChecked, ok: failures.length === 0, failures };
  }
}
