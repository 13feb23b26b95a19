import type { PolicyCommand } from '../model';
import { Builder } from './builder';
import { captureLocation, type Location } from './location';
import type { Sql } from './sql-fragment';

/** State of a policy declaration. */
export interface PolicyState {
  readonly name: string;
  readonly command: PolicyCommand;
  readonly permissive: boolean;
  readonly roles: readonly string[];
  readonly using: Sql | null;
  readonly withCheck: Sql | null;
  readonly comment: string | null;
  readonly renamedFrom: string | null;
  readonly location: Location | null;
}

/** A row-level security policy (`CREATE POLICY`); takes effect when the table has `rowSecurity`. */
export class PolicyBuilder extends Builder<PolicyState> {
  /** The command it applies to: `all` (default), `select`, `insert`, `update`, `delete`. */
  for(command: PolicyCommand): PolicyBuilder {
    return this.with({ command });
  }
  /** The roles it applies to (default PUBLIC): role names, `'public'` or `'current_user'`. */
  to(...roles: string[]): PolicyBuilder {
    return this.with({ roles });
  }
  /** AS RESTRICTIVE: rows must pass this policy as well as one permissive policy. */
  restrictive(): PolicyBuilder {
    return this.with({ permissive: false });
  }
  /** USING (expression): which existing rows are visible / may be changed. */
  using(expression: Sql): PolicyBuilder {
    return this.with({ using: expression });
  }
  /** WITH CHECK (expression): which new rows may be written. */
  withCheck(expression: Sql): PolicyBuilder {
    return this.with({ withCheck: expression });
  }
  /** COMMENT ON POLICY. */
  comment(text: string): PolicyBuilder {
    return this.with({ comment: text });
  }
  /** The policy's previous name: the change becomes `ALTER POLICY … RENAME TO`. */
  renamedFrom(oldName: string): PolicyBuilder {
    return this.with({ renamedFrom: oldName });
  }
}

/** Starts a policy declaration: `policy('own_rows').for('select').using(sql\`${t.owner} = current_user\`)`. */
export function policy(name: string): PolicyBuilder {
  return new PolicyBuilder({
    name,
    command: 'all',
    permissive: true,
    roles: ['public'],
    using: null,
    withCheck: null,
    comment: null,
    renamedFrom: null,
    location: captureLocation(),
  });
}
