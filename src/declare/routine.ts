import { ident, qualified } from '../sql';
import type { Parallel, Volatility } from '../model';
import { captureLocation, type Location } from './location';
import { schemaName, type SchemaDecl } from './schema';
import { Sql, type SqlEmbeddable } from './sql-fragment';

/**
 * A type in an argument or result: SQL text (`integer`, `text[]`), a declared enum or table, or the `sql` tag
 * interpolating them (`sql\`SETOF ${customer}\``): what is interpolated is created before the routine.
 */
export type TypeSpec = string | SqlEmbeddable | Sql;

/** One argument of a function or procedure. */
export interface ArgumentSpec {
  readonly name?: string;
  readonly type: TypeSpec;
  /** Default `in`. */
  readonly mode?: 'in' | 'out' | 'inout' | 'variadic';
  readonly default?: Sql;
}

/** Options shared by `func()` and `procedure()`. */
export interface RoutineOptions {
  readonly args?: readonly ArgumentSpec[];
  /** `sql`, `plpgsql`, or any installed language. */
  readonly language: string;
  /**
   * The body, passed to Postgres as written (dollar-quoted); with `atomic`, a SQL-standard body written as is
   * after the attributes (`BEGIN ATOMIC … END` or `RETURN expression`, PostgreSQL 14+). As the `sql` tag,
   * the tables, views and routines it interpolates (`sql\`SELECT count(*) FROM ${users}\``) are created first.
   */
  readonly body: string | Sql;
  /** The body is SQL-standard (`BEGIN ATOMIC … END`, `RETURN …`): parsed when the routine is created, its dependencies tracked. */
  readonly atomic?: boolean;
  readonly securityDefiner?: boolean;
  /** `SET name TO value` while the routine runs, e.g. `{ search_path: ['public', 'pg_temp'] }`. */
  readonly set?: Readonly<Record<string, string | readonly string[]>>;
  readonly comment?: string;
  /** The routine's previous name (same arguments): the change becomes `ALTER FUNCTION … RENAME TO`. */
  readonly renamedFrom?: string;
}

/** Options of `func()`. */
export interface FunctionOptions extends RoutineOptions {
  /** The result: `integer`, `SETOF text`, `TABLE(id integer, name text)`, `trigger`, `void`, or a declared type. */
  readonly returns: TypeSpec;
  readonly volatility?: Volatility;
  readonly strict?: boolean;
  readonly leakproof?: boolean;
  readonly parallel?: Parallel;
  readonly cost?: number;
  /** Estimated rows of a set-returning function. */
  readonly rows?: number;
}

/** Everything declared about a routine (internal). */
export interface RoutineDetails {
  readonly schemaDecl: SchemaDecl | null;
  readonly procedure: boolean;
  readonly args: string;
  /** The input argument types as written (for the key before normalization). */
  readonly identityArgs: string;
  readonly returns: string | null;
  /** The declarations the argument and result types interpolate (see TypeSpec). */
  readonly typeReads: readonly SqlEmbeddable[];
  readonly options: FunctionOptions | RoutineOptions;
  readonly location: Location | null;
}

/**
 * A declared function or procedure; pass it to `trigger()` and `eventTrigger()`. In the `sql` tag it is its
 * qualified name (`${addTax}(price)`), so a body or view calling it is created after it.
 */
export class RoutineDecl implements SqlEmbeddable {
  readonly kind = 'RoutineDecl' as const;
  constructor(
    readonly schema: string,
    readonly name: string,
    /** Internal: the declaration details. */
    readonly details: RoutineDetails,
  ) {
    Object.freeze(this);
  }
  toSqlFragment(): Sql {
    return new Sql(qualified(this.schema, this.name));
  }
}

const typeText = (t: TypeSpec) => (typeof t === 'string' ? t : t instanceof Sql ? t.text : t.toSqlFragment().text);

/** The declarations the argument and result types name (a declared table's row type, an enum…). */
const typeObjects = (types: readonly TypeSpec[]): SqlEmbeddable[] => types.flatMap((t) => (typeof t === 'string' ? [] : t instanceof Sql ? t.objects : [t]));

function argText(a: ArgumentSpec): string {
  const mode = a.mode === undefined || a.mode === 'in' ? '' : `${a.mode.toUpperCase()} `;
  const name = a.name === undefined ? '' : `${ident(a.name)} `;
  return `${mode}${name}${typeText(a.type)}${a.default === undefined ? '' : ` DEFAULT ${a.default.text}`}`;
}

function declareRoutine(schema: SchemaDecl | string, name: string, procedure: boolean, returns: TypeSpec | null, options: RoutineOptions): RoutineDecl {
  const args = options.args ?? [];
  return new RoutineDecl(schemaName(schema), name, {
    schemaDecl: typeof schema === 'string' ? null : schema,
    procedure,
    args: args.map(argText).join(', '),
    identityArgs: args
      .filter((a) => a.mode !== 'out')
      .map((a) => typeText(a.type))
      .join(', '),
    returns: returns === null ? null : typeText(returns),
    typeReads: typeObjects([...args.map((a) => a.type), ...(returns === null ? [] : [returns])]),
    options,
    location: captureLocation(),
  });
}

/**
 * Declares a function: `func('public', 'update_updated_at_column', { returns: 'trigger', language: 'plpgsql',
 * body: 'BEGIN NEW.updated_at = now(); RETURN NEW; END' })`.
 */
export function func(schema: SchemaDecl | string, name: string, options: FunctionOptions): RoutineDecl {
  return declareRoutine(schema, name, false, options.returns, options);
}

/** Declares a procedure (`CALL`able, no result). */
export function procedure(schema: SchemaDecl | string, name: string, options: RoutineOptions): RoutineDecl {
  return declareRoutine(schema, name, true, null, options);
}
