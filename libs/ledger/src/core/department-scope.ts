import { Inject, Injectable } from '@nestjs/common';
import { Actor, DepartmentState, hasRole, isSubstituteOn, stockholmDateOf } from '@ledger/domain';
import { BY_MANAGER, BY_PARENT, BY_SUBSTITUTE, DEPARTMENT_COLLECTION } from '@ledger/projections';
import { CLOCK, Clock } from './clock';
import { MasterDataReader } from './master-data-reader';
import { ProjectionsService } from './projections.service';

/** Departments listed from the master-data read model at most this many per read. */
const PAGE = 500;
/** A department tree is walked down at most this many departments (a municipality has hundreds). */
const MAX_DESCENDANTS = 5000;

/**
 * A manager's scope through the department tree: the departments they manage, those they are a
 * substitute (ersättare) for today, and the departments below either. Membership of one department
 * is read from its stream (never behind the ledger); listing which departments someone manages, or
 * which lie below one, comes from the master-data read model.
 */
@Injectable()
export class DepartmentScope {
  constructor(
    private readonly masterData: MasterDataReader,
    private readonly projections: ProjectionsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  today(): string {
    return stockholmDateOf(this.clock.now());
  }

  /** A manager of the department, or its substitute today: acts with the manager role there. A manager-role token is required. */
  async actsAsManagerOf(actor: Actor, departmentId: string): Promise<boolean> {
    if (!hasRole(actor, 'manager')) return false;
    const d = await this.masterData.department(departmentId);
    return d.managerIds.includes(actor.sub) || isSubstituteOn(d, actor.sub, this.today());
  }

  /** A manager (or today's substitute) of the department or of one above it. */
  async actsAsManagerOfOrAbove(actor: Actor, departmentId: string): Promise<boolean> {
    if (!hasRole(actor, 'manager')) return false;
    const today = this.today();
    for (const link of await this.masterData.chain(departmentId)) {
      if (link.managerIds.includes(actor.sub) || isSubstituteOn(link, actor.sub, today)) return true;
    }
    return false;
  }

  /** The departments the actor manages or substitutes in today (not those below them). */
  async actingDepartments(actor: Actor): Promise<string[]> {
    if (!hasRole(actor, 'manager')) return [];
    const store = this.projections.readStore;
    const ns = this.projections.namespaceOf('master-data');
    const out = new Set<string>();
    for (const index of [BY_MANAGER, BY_SUBSTITUTE]) {
      let after: string | undefined;
      for (;;) {
        const docs = await store.list<unknown>(ns, DEPARTMENT_COLLECTION, { index, value: actor.sub }, { after, limit: PAGE });
        for (const d of docs) if (await this.actsAsManagerOf(actor, d.key)) out.add(d.key);
        if (docs.length < PAGE) break;
        after = docs[docs.length - 1].key;
      }
    }
    return [...out].sort();
  }

  /** The departments directly below one, from the read model. */
  async children(departmentId: string): Promise<string[]> {
    const store = this.projections.readStore;
    const ns = this.projections.namespaceOf('master-data');
    const out: string[] = [];
    let after: string | undefined;
    for (;;) {
      const docs = await store.list<{ state: DepartmentState }>(ns, DEPARTMENT_COLLECTION, { index: BY_PARENT, value: departmentId }, { after, limit: PAGE });
      out.push(...docs.map((d) => d.key));
      if (docs.length < PAGE) break;
      after = docs[docs.length - 1].key;
    }
    return out;
  }

  /**
   * The departments below one, breadth first, as long as `descend` says so for each (it may prune a
   * subtree). Cycles cannot be recorded, but a read model mid-rebuild is never trusted to be a tree.
   */
  async descendants(departmentId: string, descend: (id: string) => Promise<boolean> = async () => true): Promise<string[]> {
    const seen = new Set<string>([departmentId]);
    const out: string[] = [];
    let frontier = [departmentId];
    while (frontier.length > 0 && out.length < MAX_DESCENDANTS) {
      const next: string[] = [];
      for (const id of frontier) {
        for (const child of await this.children(id)) {
          if (seen.has(child)) continue;
          seen.add(child);
          if (!(await descend(child))) continue;
          out.push(child);
          next.push(child);
        }
      }
      frontier = next;
    }
    return out;
  }
}
