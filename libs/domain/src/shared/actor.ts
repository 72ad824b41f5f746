export type Role = 'employee' | 'manager' | 'hr' | 'integration' | 'payroll' | 'auditor';
export const ROLES: readonly Role[] = ['employee', 'manager', 'hr', 'integration', 'payroll', 'auditor'];

/** The signed-in user: `sub` is the employee id for employees and managers. */
export interface Actor {
  sub: string;
  roles: string[];
}

export const hasRole = (actor: Actor, ...roles: Role[]) => roles.some((r) => actor.roles.includes(r));
