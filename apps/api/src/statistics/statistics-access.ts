import { Injectable } from '@nestjs/common';
import { Actor, forbidden, hasRole, notFound } from '@ledger/domain';
import { BY_MANAGER, DEPARTMENT_COLLECTION } from '@ledger/projections';
import { MasterDataReader, ProjectionsService } from '@ledger/ledger';

/**
 * Who sees which statistics: HR and auditors every department and the whole organisation; a
 * manager the departments whose managerIds hold their sub, as recorded in the ledger (read from the
 * department's own stream, so a change of managers counts at once).
 */
@Injectable()
export class StatisticsAccess {
  constructor(
    private readonly masterData: MasterDataReader,
    private readonly projections: ProjectionsService,
  ) {}

  /**
   * The department the figures are for, or null for the whole organisation. 404 for an unknown
   * department; 403 for a manager asking about another department or about the whole organisation.
   */
  async figuresScope(actor: Actor, departmentId: string | undefined): Promise<string | null> {
    if (departmentId === undefined) {
      if (hasRole(actor, 'hr', 'auditor')) return null;
      throw forbidden('the whole organisation’s statistics are for HR and auditors; managers give the departmentId of a department they manage');
    }
    await this.checkDepartment(actor, departmentId);
    return departmentId;
  }

  /**
   * The departments whose discrepancies the caller sees, or null for all: the one asked for, or
   * without departmentId everything (HR, auditors) or the manager's own departments.
   */
  async discrepancyScope(actor: Actor, departmentId: string | undefined): Promise<string[] | null> {
    if (departmentId !== undefined) {
      await this.checkDepartment(actor, departmentId);
      return [departmentId];
    }
    if (hasRole(actor, 'hr', 'auditor')) return null;
    const managed = await this.projections.readStore.list<unknown>(
      this.projections.namespaceOf('master-data'),
      DEPARTMENT_COLLECTION,
      { index: BY_MANAGER, value: actor.sub },
      { limit: 1000 },
    );
    return managed.map((d) => d.key);
  }

  private async checkDepartment(actor: Actor, departmentId: string): Promise<void> {
    const department = await this.masterData.department(departmentId);
    if (!department.exists) throw notFound(`department ${departmentId} is not known to the ledger`);
    if (hasRole(actor, 'hr', 'auditor')) return;
    if (!hasRole(actor, 'manager') || !department.managerIds.includes(actor.sub)) {
      throw forbidden(`only managers of department ${departmentId}, HR and auditors see its statistics`);
    }
  }
}
