import type { RuleEvent } from '../model';
import { ident, qualified } from '../sql';
import { captureLocation, type Location } from './location';
import type { Sql } from './sql-fragment';
import type { AnyTableDecl } from './table';
import type { ViewDecl } from './view';

/** Options of `rule()`. */
export interface RuleOptions {
  readonly event: RuleEvent;
  /** `WHERE condition` (reads `NEW` / `OLD`). */
  readonly where?: Sql;
  /** `DO INSTEAD` (default: `DO ALSO`). */
  readonly instead?: boolean;
  /** What the rule does: one command, `NOTHING`, or `(command; command)`. */
  readonly action: Sql;
  readonly comment?: string;
}

/** A declared rewrite rule on a table or view (internal data read by collectDeclarations). */
export class RuleDecl {
  readonly kind = 'RuleDecl' as const;
  constructor(
    readonly on: AnyTableDecl | ViewDecl,
    readonly name: string,
    readonly options: RuleOptions,
    readonly location: Location | null,
  ) {
    Object.freeze(this);
  }
  /** The `CREATE RULE` statement (Postgres normalizes it to its own printing). */
  definition(): string {
    const o = this.options;
    const where = o.where ? ` WHERE ${o.where.text}` : '';
    return `CREATE RULE ${ident(this.name)} AS ON ${o.event.toUpperCase()} TO ${qualified(this.on.schema, this.on.name)}${where} DO ${o.instead ? 'INSTEAD' : 'ALSO'} ${o.action.text}`;
  }
}

/**
 * Declares a rewrite rule: `rule(orders, 'orders_archive', { event: 'insert', where: sql\`NEW.year < 2020\`,
 * instead: true, action: sql\`INSERT INTO archive.orders VALUES (NEW.*)\` })`.
 */
export function rule(on: AnyTableDecl | ViewDecl, name: string, options: RuleOptions): RuleDecl {
  return new RuleDecl(on, name, options, captureLocation());
}
