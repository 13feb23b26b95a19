import { isSecretOption, type FdwOption } from '../model';
import { SchemakitError } from '../util';
import { captureLocation, type Location } from './location';
import { schemaName, type SchemaDecl } from './schema';
import type { Sql } from './sql-fragment';
import type { TypeSpec } from './type-decls';

/** `{ name: 'value' }` options as sorted pairs; a secret-looking name (password, token…) is refused. */
export function fdwOptionList(what: string, options: Readonly<Record<string, string>> | undefined): FdwOption[] {
  const list = Object.entries(options ?? {}).map(([name, value]) => ({ name, value: String(value) }));
  const secret = list.find((o) => isSecretOption(o.name));
  if (secret) {
    throw new SchemakitError(
      'declare',
      'secret-option',
      `${what}: option ${secret.name} looks like a secret; schemakit never writes secrets into plans: set it outside schemakit`,
    );
  }
  return list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Options of `foreignServer()`. */
export interface ForeignServerOptions {
  /** The foreign-data wrapper (its extension must be declared: `extension('postgres_fdw')`). */
  readonly wrapper: string;
  readonly type?: string;
  readonly version?: string;
  /** `OPTIONS (host 'db', dbname 'app')`; never secrets (passwords belong to user mappings, set outside schemakit). */
  readonly options?: Readonly<Record<string, string>>;
  readonly comment?: string;
  /** The server's previous name: `ALTER SERVER … RENAME TO` instead of drop and create (its foreign tables follow). */
  readonly renamedFrom?: string;
}

/** A declared foreign server. */
export class ForeignServerDecl {
  readonly kind = 'ForeignServerDecl' as const;
  constructor(
    readonly name: string,
    readonly options: ForeignServerOptions,
    readonly location: Location | null,
  ) {
    Object.freeze(this);
  }
}

/** Declares a foreign server: `foreignServer('files', { wrapper: 'file_fdw' })`. */
export function foreignServer(name: string, options: ForeignServerOptions): ForeignServerDecl {
  fdwOptionList(`server ${name}`, options.options);
  return new ForeignServerDecl(name, options, captureLocation());
}

/** A column of a foreign table. */
export interface ForeignColumnSpec {
  readonly type: TypeSpec;
  readonly notNull?: boolean;
  readonly default?: Sql | string;
  /** Per-column options of the wrapper (`{ column_name: 'remote_id' }`). */
  readonly options?: Readonly<Record<string, string>>;
  readonly comment?: string;
  /** The column's previous name: `ALTER FOREIGN TABLE … RENAME COLUMN` instead of drop and add. */
  readonly renamedFrom?: string;
}

/** Options of `foreignTable()`. */
export interface ForeignTableOptions {
  readonly server: ForeignServerDecl | string;
  /** Columns in order. */
  readonly columns: Readonly<Record<string, ForeignColumnSpec>>;
  readonly options?: Readonly<Record<string, string>>;
  readonly comment?: string;
  /** The table's previous name in the same schema: `ALTER FOREIGN TABLE … RENAME TO` instead of drop and create. */
  readonly renamedFrom?: string;
}

/** A declared foreign table. */
export class ForeignTableDecl {
  readonly kind = 'ForeignTableDecl' as const;
  constructor(
    readonly schema: string,
    readonly name: string,
    readonly schemaDecl: SchemaDecl | null,
    readonly options: ForeignTableOptions,
    readonly location: Location | null,
  ) {
    Object.freeze(this);
  }
}

/**
 * Declares a foreign table: `foreignTable(app, 'remote_users', { server: remote, columns: { id: { type: 'integer',
 * notNull: true } }, options: { table_name: 'users' } })`.
 */
export function foreignTable(schema: SchemaDecl | string, name: string, options: ForeignTableOptions): ForeignTableDecl {
  fdwOptionList(`foreign table ${schemaName(schema)}.${name}`, options.options);
  for (const [col, spec] of Object.entries(options.columns)) fdwOptionList(`foreign table ${schemaName(schema)}.${name}.${col}`, spec.options);
  return new ForeignTableDecl(schemaName(schema), name, typeof schema === 'string' ? null : schema, options, captureLocation());
}
