import type { Constraint, FkAction } from '../model';
import { assertNever } from '../util';
import { parens } from './expr';
import { exclusionBodySql } from './exclusion';
import { ident, identList, qualified } from './quote';

const fkAction: Record<FkAction, string> = {
  'no-action': 'NO ACTION',
  restrict: 'RESTRICT',
  cascade: 'CASCADE',
  'set-null': 'SET NULL',
  'set-default': 'SET DEFAULT',
};

/** `DEFERRABLE [INITIALLY DEFERRED]`, or nothing for the default NOT DEFERRABLE. */
export function deferrability(c: Pick<Constraint, 'deferrable' | 'initiallyDeferred'>): string {
  if (!c.deferrable) return '';
  return c.initiallyDeferred ? ' DEFERRABLE INITIALLY DEFERRED' : ' DEFERRABLE';
}

/** `a, b, c WITHOUT OVERLAPS` / `a, b, PERIOD c`: a key's columns, the last one marked when `mark` is given. */
function keyList(columns: readonly string[], mark: { readonly before?: string; readonly after?: string } | null): string {
  if (mark === null || columns.length === 0) return identList(columns);
  const last = columns.length - 1;
  return columns.map((c, i) => (i === last ? `${mark.before ?? ''}${ident(c)}${mark.after ?? ''}` : ident(c))).join(', ');
}

/** The WITHOUT OVERLAPS mark of a primary key or unique constraint's last column (PostgreSQL ≥ 18). */
const overlaps = (c: { readonly withoutOverlaps?: true }) => (c.withoutOverlaps === true ? { after: ' WITHOUT OVERLAPS' } : null);

/** ` INCLUDE (columns)` of a key that has some, else ''. */
const includeSql = (c: { readonly include?: readonly string[] }) =>
  c.include !== undefined && c.include.length > 0 ? ` INCLUDE (${identList(c.include)})` : '';

/** The constraint body after `CONSTRAINT name`: PRIMARY KEY / UNIQUE / CHECK / FOREIGN KEY …. */
export function constraintBodySql(c: Constraint): string {
  switch (c.kind) {
    case 'PrimaryKey':
      return `PRIMARY KEY (${keyList(c.columns, overlaps(c))})${includeSql(c)}${deferrability(c)}`;
    case 'Unique':
      // NULLS NOT DISTINCT: PostgreSQL ≥ 15.
      return `UNIQUE${c.nullsNotDistinct ? ' NULLS NOT DISTINCT' : ''} (${keyList(c.columns, overlaps(c))})${includeSql(c)}${deferrability(c)}`;
    case 'Check':
      // CHECK constraints cannot be deferrable in Postgres; the flags are ignored.
      return `CHECK ${parens(c.expression)}${c.noInherit ? ' NO INHERIT' : ''}`;
    case 'ForeignKey': {
      const period = c.period === true ? { before: 'PERIOD ' } : null;
      const parts = [`FOREIGN KEY (${keyList(c.columns, period)}) REFERENCES ${qualified(c.refSchema, c.refTable)} (${keyList(c.refColumns, period)})`];
      if (c.match === 'full') parts.push('MATCH FULL');
      if (c.onUpdate !== 'no-action') parts.push(`ON UPDATE ${fkAction[c.onUpdate]}`);
      if (c.onDelete !== 'no-action') parts.push(`ON DELETE ${fkAction[c.onDelete]}`);
      return parts.join(' ') + deferrability(c);
    }
    case 'Exclusion':
      return exclusionBodySql(c) + deferrability(c);
    default:
      return assertNever(c, 'constraint');
  }
}

/** `CONSTRAINT name body`, as inline in CREATE TABLE or after ADD. */
export function constraintDefinitionSql(c: Constraint): string {
  return `CONSTRAINT ${ident(c.name)} ${constraintBodySql(c)}`;
}

/**
 * `ALTER TABLE t ADD CONSTRAINT name body [NOT VALID]`. NOT VALID exists only here: CREATE TABLE checks its
 * (no) rows and marks every constraint valid, which the diff accepts for a declared NOT VALID.
 */
export function addConstraintSql(c: Constraint): string {
  return addSql(c, false);
}

/** `ALTER TABLE ONLY t ADD CONSTRAINT …`: a partitioned table's key without its partitions' parts (they are attached later). */
export function addConstraintOnlySql(c: Constraint): string {
  return addSql(c, true);
}

function addSql(c: Constraint, only: boolean): string {
  const notValid = (c.kind === 'Check' || c.kind === 'ForeignKey') && c.notValid === true ? ' NOT VALID' : '';
  return `ALTER TABLE ${only ? 'ONLY ' : ''}${qualified(c.schema, c.table)} ADD ${constraintDefinitionSql(c)}${notValid}`;
}

/** `ALTER TABLE t DROP CONSTRAINT name`. */
export function dropConstraintSql(c: Pick<Constraint, 'schema' | 'table' | 'name'>, ifExists = false): string {
  return `ALTER TABLE ${qualified(c.schema, c.table)} DROP CONSTRAINT ${ifExists ? 'IF EXISTS ' : ''}${ident(c.name)}`;
}

/** `ALTER TABLE t RENAME CONSTRAINT from TO to`. */
export function renameConstraintSql(schema: string, table: string, from: string, to: string): string {
  return `ALTER TABLE ${qualified(schema, table)} RENAME CONSTRAINT ${ident(from)} TO ${ident(to)}`;
}
