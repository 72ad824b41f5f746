import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { Actor, addDaysTo, forbidden, hasRole, invalid, notFound, stockholmDateOf } from '@ledger/domain';
import { ACCESS_LOG_MAX_MONTHS, AccessLog, MasterDataReader } from '@ledger/ledger';
import { CurrentActor } from '../auth/roles.decorator';
import { ApiAccess } from '../http/openapi';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  EVENT_STORE,
  EventStore,
  GENESIS_LINK,
  IntegrityFailure,
  SEAL_STORE,
  SealKey,
  SealStore,
  Sealer,
  digestSigningText,
  verifyLog,
  verifyStreamSeal,
} from '@ledger/event-store';
import { Roles } from '../auth/roles.decorator';
import { SEAL_KEY, StreamIntegrity } from '@ledger/ledger';
import { ApiProblems } from '../http/openapi';
import { AccessLogDto, VerifyDigestResultDto, VerifyResultDto } from './audit-responses.dto';
import { AccessLogQueryDto, DigestDto, VerifyQueryDto } from './audit.dto';

/** How long verify and digest wait for the sealer to reach the log's head before they start. */
const SEAL_WAIT_MS = 5000;

/** Internal control: the sealed log, verified straight from the event store and the seal. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit')
export class AuditController {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(SEAL_STORE) private readonly seal: SealStore,
    @Inject(SEAL_KEY) private readonly key: SealKey,
    private readonly sealer: Sealer,
    private readonly integrity: StreamIntegrity,
    private readonly accessLog: AccessLog,
    private readonly masterData: MasterDataReader,
  ) {}

  @Get('access-log')
  @Roles('auditor', 'employee', 'manager')
  @ApiAccess('an auditor for anyone; an employee for their own data')
  @ApiOperation({ summary: 'Who read a person’s health data, when and what (the access log); oldest first' })
  @ApiOkResponse({ type: AccessLogDto })
  @ApiProblems(400, 403, 404)
  async accessLogOf(@CurrentActor() actor: Actor, @Query() query: AccessLogQueryDto): Promise<AccessLogDto> {
    if (!hasRole(actor, 'auditor') && actor.sub !== query.employeeId) throw forbidden('the access log is for auditors, and for each employee their own');
    const to = query.to ?? stockholmDateOf(new Date());
    const from = query.from ?? addDaysTo(to, -365);
    if (from > to) throw invalid('from', 'must not be after to');
    if (from < addDaysTo(to, -31 * ACCESS_LOG_MAX_MONTHS + 31)) throw invalid('from', `the span may be at most ${ACCESS_LOG_MAX_MONTHS / 12} years`);
    if (!(await this.masterData.employee(query.employeeId)).exists) throw notFound(`employee ${query.employeeId} not found`);
    return { employeeId: query.employeeId, from, to, entries: await this.accessLog.entriesOf(query.employeeId, from, to) };
  }

  @Get('verify')
  @Roles('auditor')
  @ApiOperation({ summary: 'Verify that nothing was altered: every stream chain and the seal of the whole log (auditor)' })
  @ApiOkResponse({ type: VerifyResultDto })
  @ApiProblems(400, 403, 404)
  async verify(@Query() query: VerifyQueryDto): Promise<VerifyResultDto> {
    if (query.streamId !== undefined) {
      const recorded = await this.events.readStream(query.streamId);
      const sealed = await this.seal.rowsOfStream(query.streamId);
      if (recorded.length === 0 && sealed.length === 0) throw notFound(`stream ${query.streamId} not found`);
      const failures = verifyStreamSeal(this.key, recorded, sealed);
      if (failures.length > 0) this.integrity.countVerifyFailure();
      const sealedRevisions = new Set(sealed.map((s) => s.revision));
      return {
        streamsChecked: 1,
        eventsChecked: recorded.length,
        ok: failures.length === 0,
        failures,
        failuresTruncated: false,
        headPosition: recorded.at(-1)?.position.toString() ?? null,
        sealedThrough: sealed.at(-1)?.position.toString() ?? null,
        unsealedEvents: recorded.filter((e) => !sealedRevisions.has(e.revision)).length,
      };
    }
    await this.sealer.waitFor(await this.events.headPosition(), SEAL_WAIT_MS);
    const { lastPosition: _lastPosition, logLink: _logLink, ...result } = await verifyLog(this.events, this.seal, this.key);
    if (!result.ok) this.integrity.countVerifyFailure();
    return result;
  }

  @Get('digest')
  @Roles('auditor')
  @ApiOperation({ summary: 'A signed commitment to the whole log up to its sealed head (auditor): keep it, and prove later with verify-digest' })
  @ApiOkResponse({ type: DigestDto })
  @ApiProblems(403)
  async digest(): Promise<DigestDto> {
    await this.sealer.waitFor(await this.events.headPosition(), SEAL_WAIT_MS);
    const head = await this.seal.head();
    const unsigned = {
      position: head?.position.toString() ?? '0',
      hash: (head?.link ?? GENESIS_LINK).toString('hex'),
      signedAt: new Date().toISOString(),
      keyId: this.key.keyId,
    };
    return { ...unsigned, signature: this.key.sign(digestSigningText(unsigned)) };
  }

  @Post('verify-digest')
  @HttpCode(200)
  @Roles('auditor')
  @ApiOperation({ summary: 'Prove that the log up to a digest position is exactly what the digest committed to (auditor)' })
  @ApiOkResponse({ type: VerifyDigestResultDto })
  @ApiProblems(400, 403)
  async verifyDigest(@Body() digest: DigestDto): Promise<VerifyDigestResultDto> {
    const failures: IntegrityFailure[] = [];
    const at = (reason: string): IntegrityFailure => ({ streamId: null, version: null, position: digest.position, reason });
    if (digest.keyId !== this.key.keyId) failures.push(at(`the digest was signed with key ${digest.keyId}, not this service's key ${this.key.keyId}`));
    else if (!this.key.verify(digestSigningText(digest), digest.signature)) failures.push(at('the digest signature does not verify: the digest was altered'));
    if (failures.length > 0) return { ok: false, failures, eventsChecked: 0 };
    const position = BigInt(digest.position);
    if (position === 0n) return { ok: true, failures, eventsChecked: 0 };
    const result = await verifyLog(this.events, this.seal, this.key, { upTo: position });
    failures.push(...result.failures);
    if (result.lastPosition !== position) {
      failures.push(at(`the log has no event at the digest position ${digest.position} (it ends at ${result.lastPosition ?? 'nothing'} there): events were deleted`));
    } else if (result.logLink.toString('hex') !== digest.hash) {
      failures.push(at('the log up to the digest position differs from what the digest committed to'));
    }
    if (failures.length > 0) this.integrity.countVerifyFailure();
    return { ok: failures.length === 0, failures, eventsChecked: result.eventsChecked };
  }
}
