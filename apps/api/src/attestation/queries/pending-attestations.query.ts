import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Actor, DepartmentLink, forbidden, hasRole, isHealthData, notFound, whoAttests } from '@ledger/domain';
import {
  EMPLOYEE_COLLECTION,
  PENDING_BY_DEPARTMENT,
  PENDING_BY_DEPARTMENT_EMPLOYEE,
  PENDING_COLLECTION,
  PendingCase,
} from '@ledger/projections';
import type { IndexEntry } from '@ledger/read-store';
import { AccessLog, DepartmentScope, EmployeeAbsenceIndex } from '@ledger/ledger';
import { MasterDataReader } from '@ledger/ledger';
import { ProjectionsService } from '@ledger/ledger';
import { pendingFlags } from '../pending-flags';
import { extentNotPayableFromDay15 } from '../extent-flag';
import { EXTENT_NOT_PAYABLE_FLAG, isFkPayableExtent } from '@ledger/swedish-rules';

/** Cases waiting for attestation in a department, by first day (API.md "pending attestations"). */
export class PendingAttestationsQuery {
  constructor(
    readonly actor: Actor,
    readonly departmentId: string,
    readonly after: string | undefined,
    readonly limit: number,
  ) {}
}

export interface PendingItem {
  absenceId: string;
  employeeId: string;
  employeeName: string | null;
  departmentId: string;
  type: PendingCase['type'];
  from: string;
  to: string | null;
  extentPercent: number;
  version: number;
  reportedAt: string;
  status: PendingCase['status'];
  routedFrom: string | null;
  flags: string[];
}

export interface PendingPage {
  departmentId: string;
  items: PendingItem[];
  next: string | null;
}

const SCAN_PAGE = 200;

/**
 * The department's pending list holds the cases attested there (whoAttests): its own cases, less
 * those that go up (its only manager's own absence, say), plus the cases that come up from the
 * departments below it, each with `routedFrom`. Sorted by first day, then case id; `after` is the
 * `next` of the previous page.
 *
 * Which cases come up is worked out today, from who manages and substitutes where today: a
 * substitute's span starting or ending moves the cases without any event.
 */
@QueryHandler(PendingAttestationsQuery)
export class PendingAttestationsHandler implements IQueryHandler<PendingAttestationsQuery, PendingPage> {
  constructor(
    private readonly projections: ProjectionsService,
    private readonly masterData: MasterDataReader,
    private readonly scope: DepartmentScope,
    private readonly accessLog: AccessLog,
    private readonly absences: EmployeeAbsenceIndex,
  ) {}

  async execute({ actor, departmentId, after, limit }: PendingAttestationsQuery): Promise<PendingPage> {
    const department = await this.masterData.department(departmentId);
    if (!department.exists) throw notFound(`department ${departmentId} not found`);
    if (!hasRole(actor, 'hr') && !(await this.scope.actsAsManagerOfOrAbove(actor, departmentId))) {
      throw forbidden(`only the managers and substitutes of department ${departmentId}, the managers above it, and HR see its pending attestations`);
    }
    const today = this.scope.today();
    const chains = new Map<string, DepartmentLink[]>();
    const chainOf = async (id: string) => {
      let c = chains.get(id);
      if (!c) chains.set(id, (c = await this.masterData.chain(id)));
      return c;
    };
    const attestedHere = async (c: PendingCase) => whoAttests(c.employeeId, await chainOf(c.departmentId), today)?.departmentId === departmentId;

    // Sources: this department's pending cases, and for each department below whose cases can come
    // up this far, those cases (all of them where nobody attests below, else only the one
    // person's who alone could have attested them).
    const sources: IndexEntry[] = [{ index: PENDING_BY_DEPARTMENT, value: departmentId }];
    const only = new Map<string, string | null>([[departmentId, null]]);
    await this.scope.descendants(departmentId, async (child) => {
      const chain = await chainOf(child);
      // Who could attest at the child or between it and this department, nearest first.
      const between = chain.slice(0, chain.findIndex((l) => l.departmentId === departmentId));
      const people = new Set<string>();
      for (const link of between) {
        for (const m of link.managerIds) people.add(m);
        for (const s of link.substitutes) if (s.from <= today && today <= s.to) people.add(s.employeeId);
      }
      if (people.size >= 2) return false; // someone other than the employee always attests below
      const person = people.size === 1 ? [...people][0] : null;
      only.set(child, person);
      sources.push(person ? { index: PENDING_BY_DEPARTMENT_EMPLOYEE, value: `${child}|${person}` } : { index: PENDING_BY_DEPARTMENT, value: child });
      return true;
    });

    const picked: PendingCase[] = [];
    for (const source of sources) picked.push(...(await this.firstMatching(source, after, limit + 1, attestedHere)));
    picked.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
    const page = picked.slice(0, limit);
    const next = picked.length > limit ? keyOf(page[page.length - 1]) : null;

    const names = await this.namesOf(page.map((c) => c.employeeId));
    const items: PendingItem[] = [];
    for (const c of page) {
      const who = whoAttests(c.employeeId, await chainOf(c.departmentId), today);
      const routedFrom = c.departmentId === departmentId ? null : c.departmentId;
      items.push({
        absenceId: c.absenceId,
        employeeId: c.employeeId,
        employeeName: names.get(c.employeeId) ?? null,
        departmentId: c.departmentId,
        type: c.type,
        from: c.from,
        to: c.to,
        extentPercent: c.extentPercent,
        version: c.version,
        reportedAt: c.reportedAt,
        status: c.status,
        routedFrom,
        flags: [...pendingFlags({ item: c, actor, attesters: who?.attesters ?? [] }), ...(await this.sickDay15Flags(c, today))],
      });
    }
    // A pending case says who is absent and why: recorded in the access log like any health-data read.
    await this.accessLog.record(actor, items.filter((i) => isHealthData(i.type)).map((i) => i.employeeId), {
      what: 'pending_attestations',
      absenceId: null,
      departmentId,
      asOf: null,
    });
    return { departmentId, items, next };
  }

  /** `extent_not_payable_from_day_15` (see extent-flag.ts); only cases at another extent than 25/50/75/100 % are coded. */
  private async sickDay15Flags(c: PendingCase, today: string): Promise<string[]> {
    if (isFkPayableExtent(c.extentPercent)) return [];
    const employee = await this.masterData.employee(c.employeeId);
    const flagged = extentNotPayableFromDay15(c, await this.absences.casesOf(c.employeeId), employee.employments, today);
    return flagged ? [EXTENT_NOT_PAYABLE_FLAG] : [];
  }

  /** The first `count` cases of one index entry after the cursor that pass the filter. */
  private async firstMatching(
    index: IndexEntry,
    after: string | undefined,
    count: number,
    keep: (c: PendingCase) => Promise<boolean>,
  ): Promise<PendingCase[]> {
    const store = this.projections.readStore;
    const ns = this.projections.namespaceOf('absences');
    const out: PendingCase[] = [];
    let cursor = after;
    while (out.length < count) {
      const docs = await store.list<PendingCase>(ns, PENDING_COLLECTION, index, { after: cursor, limit: Math.max(count, SCAN_PAGE) });
      for (const d of docs) if (out.length < count && (await keep(d.value))) out.push(d.value);
      if (docs.length < Math.max(count, SCAN_PAGE)) break;
      cursor = docs[docs.length - 1].key;
    }
    return out;
  }

  private async namesOf(employeeIds: string[]): Promise<Map<string, string | null>> {
    const ids = [...new Set(employeeIds)];
    const docs = await this.projections.readStore.getMany<{ state: { name?: string | null } }>(
      this.projections.namespaceOf('master-data'),
      EMPLOYEE_COLLECTION,
      ids,
    );
    return new Map(ids.map((id, i) => [id, docs[i]?.value.state.name ?? null]));
  }
}

const keyOf = (c: PendingCase) => `${c.from}|${c.absenceId}`;
