import { Readable } from 'node:stream';
import { Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiParam, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Actor } from '@ledger/domain';
import { PAYROLL_PROJECTION_NAME, PayrollLinesPage } from '@ledger/projections';
import type { FastifyReply } from 'fastify';
import { CurrentActor, Roles } from '../auth/roles.decorator';
import { IdempotencyKey } from '../http/idempotency-key';
import { ReadYourWrites } from '../http/read-your-writes';
import { CLOCK, Clock } from '@ledger/ledger';
import { LockPayrollPeriodCommand, LockPayrollPeriodResult } from './commands/lock-payroll-period.command';
import { checkPeriod } from './payroll-month';
import { DEFAULT_PAGE_LIMIT, PayrollExportQueryDto, PayrollLinesQueryDto, misplacedExportOptions } from './payroll.dto';
import { InvalidInputException } from '../http/problem-details';
import { PayrollExportQuery, PayrollExportResult } from './queries/payroll-export.query';
import { PayrollLinesQuery } from './queries/payroll-lines.query';
import { ApiIdempotencyKey, ApiProblems } from '../http/openapi';
import { LockPayrollPeriodResultDto, PayrollExportJsonDto, PayrollLinesPageDto } from './payroll-responses.dto';

const MONTH_PARAM = { name: 'month', description: 'The payroll period, a month YYYY-MM (2000-01 up to 24 months ahead)', example: '2026-03' };

const LINES_DESCRIPTION = `Lines from the latest attested version of each case: one per scheduled working day with hours > 0,
coded with the PAXml tidkod; adjustment lines (signed hours, adjustsPeriod, the original date) for changes to locked periods
sit in the earliest open period after the one they adjust.

Pagination: lines come sorted by lineId (opaque; deterministic; it stays the same while a line's facts change).
Pass the answer's \`next\` as \`after\` for the next page; \`next\` is null on the last page.
Guarantee, also while attestations keep arriving between pages: no line is returned twice, and every line that existed
when the first page was read and still exists when its page is read is returned. A line that appears later is returned
when it sorts after the cursor; one removed by an attested change before its page is read is not.
A locked period never changes, so its pages are stable.`;

@ApiTags('payroll')
@ApiBearerAuth()
@Controller('v1/payroll/periods')
export class PayrollController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly readYourWrites: ReadYourWrites,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':month/lines')
  @Roles('payroll', 'hr')
  @ApiParam(MONTH_PARAM)
  @ApiOperation({ summary: 'Payroll lines of a period, paged by lineId', description: LINES_DESCRIPTION })
  @ApiOkResponse({ type: PayrollLinesPageDto })
  @ApiProblems(400, 403, 503)
  async lines(
    @Param('month') month: string,
    @Query() query: PayrollLinesQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    checkPeriod(month, this.clock.now());
    await this.readYourWrites.await(PAYROLL_PROJECTION_NAME, query.minPosition);
    const limit = query.limit === undefined ? DEFAULT_PAGE_LIMIT : Number(query.limit);
    const page = await this.queries.execute<PayrollLinesQuery, PayrollLinesPage>(new PayrollLinesQuery(month, query.after, limit));
    // The page is JSON already (most of it the bytes as stored): Fastify sends a Buffer as it is.
    void reply.type('application/json; charset=utf-8');
    return page.json;
  }

  @Get(':month/export')
  @Roles('payroll', 'hr')
  @ApiParam(MONTH_PARAM)
  @ApiOperation({
    summary: 'Every line of a period as JSON, CSV or PAXml 2.0',
    description:
      'CSV takes `delimiter=comma|semicolon`, `decimal=point|comma` and `bom=true|false` (Swedish Excel: semicolon, comma, true); PAXml takes `encoding=utf-8|iso-8859-1`. ' +
      'An option of another format, or an unknown one, answers 400 naming it. ' +
      'PAXml validates against www.paxml.se/2.0/paxml.xsd: one tidtrans per line (postid = a sequence number stored per line, never reused), ' +
      'employees with attested lines marked with attesterat. Served as an attachment (Content-Disposition).',
  })
  @ApiOkResponse({
    description: 'The period as an attachment, in the format asked for',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(PayrollExportJsonDto) } },
      'text/csv': {
        schema: { type: 'string' },
        example: 'lineId,employeeId,absenceId,date,type,code,hours,extentPercent,sickDay,adjustsPeriod,attestedBy,attestedAt\r\n',
      },
      'application/xml': { schema: { type: 'string', description: 'PAXml 2.0 (www.paxml.se/2.0/paxml.xsd)' } },
    },
  })
  @ApiExtraModels(PayrollExportJsonDto)
  @ApiProblems(400, 403, 503)
  async export(
    @Param('month') month: string,
    @Query() query: PayrollExportQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Readable> {
    checkPeriod(month, this.clock.now());
    const misplaced = misplacedExportOptions(query);
    if (misplaced.length > 0) throw new InvalidInputException(misplaced);
    await this.readYourWrites.await(PAYROLL_PROJECTION_NAME, query.minPosition);
    const options = {
      csv: { delimiter: query.delimiter === 'semicolon' ? ';' : ',', decimal: query.decimal === 'comma' ? ',' : '.', bom: query.bom === 'true' } as const,
      paxmlEncoding: query.encoding === 'iso-8859-1' ? ('ISO-8859-1' as const) : ('UTF-8' as const),
    };
    const result = await this.queries.execute<PayrollExportQuery, PayrollExportResult>(new PayrollExportQuery(month, query.format ?? 'json', options));
    void reply.header('Content-Type', result.contentType).header('Content-Disposition', `attachment; filename="${result.filename}"`);
    return result.body;
  }

  @Post(':month/lock')
  @HttpCode(200)
  @Roles('payroll')
  @ApiParam(MONTH_PARAM)
  @ApiOperation({
    summary: 'Lock a period after its payroll run (idempotent)',
    description: 'Freezes what the period pays; later changes become adjustment lines in the next open period. A month that has not begun answers 422.',
  })
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: LockPayrollPeriodResultDto })
  @ApiProblems(400, 403, 409, 422)
  async lock(
    @CurrentActor() actor: Actor,
    @Param('month') month: string,
    @IdempotencyKey() key?: string,
  ): Promise<LockPayrollPeriodResult> {
    checkPeriod(month, this.clock.now());
    return this.commands.execute(new LockPayrollPeriodCommand(actor, month, key));
  }
}
